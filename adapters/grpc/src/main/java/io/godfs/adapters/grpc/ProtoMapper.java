package io.godfs.adapters.grpc;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.godfs.api.v1.ChunkData;
import io.godfs.api.v1.FileType;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.LocatedFile;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;

/**
 * Hand-written mappings between domain values and protobuf messages (no reflection). MapStruct with
 * the protobuf SPI was tried here and not adopted: ADR 0001, "Mapping between layers".
 */
@SuppressWarnings("checkstyle:InlineFullyQualifiedName")
final class ProtoMapper {
  private ProtoMapper() {}

  static io.godfs.api.v1.FileStatus toProto(FileStatus s) {
    return io.godfs.api.v1.FileStatus.newBuilder()
        .setPath(s.path().value())
        .setType(typeOf(s.type()))
        .setLength(s.length())
        .setCreationTimeMs(s.creationTime().toEpochMilli())
        .setModificationTimeMs(s.modificationTime().toEpochMilli())
        .setChunkSize(s.chunkSize())
        .setReplication(s.replication())
        .setFileId(s.fileId().value())
        .setChunkCount(s.chunkCount())
        .setInline(s.inline())
        .setAttributes(AttributesMapper.toProto(s))
        .setLinks(s.links())
        .build();
  }

  static FileStatus toDomain(io.godfs.api.v1.FileStatus p) {
    return new FileStatus(
        new DfsPath(p.getPath()),
        typeOf(p.getType()),
        new FileId(p.getFileId()),
        p.getLength(),
        p.hasAttributes()
            ? AttributesMapper.instant(p.getAttributes().getCreated())
            : Instant.ofEpochMilli(p.getCreationTimeMs()),
        p.hasAttributes()
            ? AttributesMapper.instant(p.getAttributes().getModified())
            : Instant.ofEpochMilli(p.getModificationTimeMs()),
        p.getChunkSize(),
        p.getReplication(),
        p.getChunkCount(),
        p.getInline(),
        p.hasAttributes()
            ? AttributesMapper.toDomain(p.getAttributes())
            : InodeAttributes.defaults(
                typeOf(p.getType()), Instant.ofEpochMilli(p.getModificationTimeMs())),
        p.getLinks() > 0 ? p.getLinks() : p.getType() == FileType.FILE_TYPE_DIRECTORY ? 2 : 1);
  }

  /** A status's type on the wire (ADR 0028: symbolic links and special files too). */
  static FileType typeOf(io.godfs.domain.file.FileType t) {
    return switch (t) {
      case FILE -> FileType.FILE_TYPE_FILE;
      case DIRECTORY -> FileType.FILE_TYPE_DIRECTORY;
      case SYMLINK -> FileType.FILE_TYPE_SYMLINK;
      case FIFO -> FileType.FILE_TYPE_FIFO;
      case CHARACTER_DEVICE -> FileType.FILE_TYPE_CHARACTER_DEVICE;
      case BLOCK_DEVICE -> FileType.FILE_TYPE_BLOCK_DEVICE;
      case SOCKET -> FileType.FILE_TYPE_SOCKET;
    };
  }

  static io.godfs.domain.file.FileType typeOf(FileType t) {
    return switch (t) {
      case FILE_TYPE_DIRECTORY -> io.godfs.domain.file.FileType.DIRECTORY;
      case FILE_TYPE_SYMLINK -> io.godfs.domain.file.FileType.SYMLINK;
      case FILE_TYPE_FIFO -> io.godfs.domain.file.FileType.FIFO;
      case FILE_TYPE_CHARACTER_DEVICE -> io.godfs.domain.file.FileType.CHARACTER_DEVICE;
      case FILE_TYPE_BLOCK_DEVICE -> io.godfs.domain.file.FileType.BLOCK_DEVICE;
      case FILE_TYPE_SOCKET -> io.godfs.domain.file.FileType.SOCKET;
      default -> io.godfs.domain.file.FileType.FILE;
    };
  }

  static io.godfs.api.v1.NodeLocation toProto(NodeLocation l) {
    return io.godfs.api.v1.NodeLocation.newBuilder()
        .setNodeId(l.id().value())
        .setAddress(l.address().toString())
        .build();
  }

  static NodeLocation toLocation(io.godfs.api.v1.NodeLocation p) {
    return new NodeLocation(new NodeId(p.getNodeId()), NodeAddress.parse(p.getAddress()));
  }

  static List<NodeLocation> locations(List<io.godfs.api.v1.NodeLocation> list) {
    return list.stream().map(ProtoMapper::toLocation).toList();
  }

  static io.godfs.api.v1.ChunkWriteTarget toProto(ChunkWriteTarget t) {
    var b =
        io.godfs.api.v1.ChunkWriteTarget.newBuilder()
            .setChunkId(t.chunkId().value())
            .setVersion(t.version().value())
            .setChunkSize(t.chunkSize())
            .setChunkLength(t.committedLength())
            .addAllPipeline(t.pipeline().stream().map(ProtoMapper::toProto).toList())
            .setAccessToken(toProto(t.token()));
    if (t.copyOf() != null) {
      b.setCopyOf(toProto(t.copyOf()));
    }
    return b.build();
  }

  static ChunkWriteTarget toWriteTarget(io.godfs.api.v1.ChunkWriteTarget p) {
    return new ChunkWriteTarget(
        new ChunkId(p.getChunkId()),
        new ChunkVersion(p.getVersion()),
        p.getChunkSize(),
        locations(p.getPipelineList()),
        p.getChunkLength(),
        toToken(p.getAccessToken()),
        p.hasCopyOf() ? toLocatedChunk(p.getCopyOf()) : null);
  }

  static io.godfs.api.v1.LocatedChunk toProto(LocatedChunk c) {
    return io.godfs.api.v1.LocatedChunk.newBuilder()
        .setChunkIndex(c.index())
        .setChunkId(c.chunkId().value())
        .setVersion(c.version().value())
        .setLength(c.length())
        .addAllReplicas(c.replicas().stream().map(ProtoMapper::toProto).toList())
        .setAccessToken(toProto(c.token()))
        .build();
  }

  static LocatedChunk toLocatedChunk(io.godfs.api.v1.LocatedChunk c) {
    return new LocatedChunk(
        c.getChunkIndex(),
        new ChunkId(c.getChunkId()),
        new ChunkVersion(c.getVersion()),
        c.getLength(),
        locations(c.getReplicasList()),
        toToken(c.getAccessToken()));
  }

  static io.godfs.api.v1.LocatedFile toProto(LocatedFile f) {
    var b = io.godfs.api.v1.LocatedFile.newBuilder().setStatus(toProto(f.status()));
    for (LocatedChunk c : f.chunks()) {
      b.addChunks(toProto(c));
    }
    if (f.inline() != null) {
      b.setInlineData(UnsafeByteOperations.unsafeWrap(f.inline()));
    }
    return b.build();
  }

  static LocatedFile toLocatedFile(io.godfs.api.v1.LocatedFile p) {
    return new LocatedFile(
        toDomain(p.getStatus()),
        p.getChunksList().stream().map(ProtoMapper::toLocatedChunk).toList(),
        p.hasInlineData() ? p.getInlineData().toByteArray() : null);
  }

  /** A key of chunk access tokens, for the registry's replies (to node identities only). */
  static io.godfs.cluster.v1.ChunkAccessKey toProto(ChunkAccessKey k) {
    return io.godfs.cluster.v1.ChunkAccessKey.newBuilder()
        .setId(k.id())
        .setSecret(UnsafeByteOperations.unsafeWrap(k.secret()))
        .setCreatedEpochMs(k.created().toEpochMilli())
        .setExpiresEpochMs(k.expires().toEpochMilli())
        .build();
  }

  static ChunkAccessKey toAccessKey(io.godfs.cluster.v1.ChunkAccessKey k) {
    return new ChunkAccessKey(
        k.getId(),
        k.getSecret().toByteArray(),
        Instant.ofEpochMilli(k.getCreatedEpochMs()),
        Instant.ofEpochMilli(k.getExpiresEpochMs()));
  }

  static ByteString toProto(SignedChunkToken token) {
    return token.isPresent() ? UnsafeByteOperations.unsafeWrap(token.bytes()) : ByteString.EMPTY;
  }

  static SignedChunkToken toToken(ByteString bytes) {
    return bytes.isEmpty() ? SignedChunkToken.NONE : SignedChunkToken.of(bytes.toByteArray());
  }

  /**
   * Wraps the piece's bytes without copying them (the buffer must not change while in flight). A
   * piece in several parts is gathered first (a copy): only pieces a chunkserver received have
   * several, and it forwards those as {@link PieceMessage}s.
   */
  static ChunkData toProto(long seq, ChunkPiece piece) {
    var b =
        ChunkData.newBuilder()
            .setSeq(seq)
            .setOffsetInChunk(piece.offset())
            .setData(UnsafeByteOperations.unsafeWrap(piece.data().duplicate()));
    for (int crc : piece.crcs()) {
      b.addCrcs(crc);
    }
    return b.build();
  }

  static ChunkPiece toPiece(ChunkData p) {
    return new ChunkPiece(p.getOffsetInChunk(), heapView(p.getData()), toInts(p.getCrcsList()));
  }

  /**
   * The bytes as a buffer over the array they were parsed into, not a read-only view: protobuf
   * wraps only buffers with an accessible array without copying, so a chunkserver forwarding a
   * read-only view copied every piece into a fresh array before sending it on.
   */
  static ByteBuffer heapView(ByteString bytes) {
    ArrayCapture capture = new ArrayCapture();
    try {
      UnsafeByteOperations.unsafeWriteTo(bytes, capture);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // the capture does no I/O
    }
    return capture.parts == 1 ? capture.view : ByteBuffer.wrap(bytes.toByteArray());
  }

  /** Keeps the array a ByteString hands out, and counts the parts it hands out. */
  private static final class ArrayCapture extends ByteOutput {
    int parts;
    ByteBuffer view;

    @Override
    public void writeLazy(byte[] value, int offset, int length) {
      parts++;
      view = ByteBuffer.wrap(value, offset, length).slice();
    }

    @Override
    public void write(byte value) {
      parts += 2; // not an array: copy
    }

    @Override
    public void write(byte[] value, int offset, int length) {
      parts += 2;
    }

    @Override
    public void write(ByteBuffer value) {
      parts += 2;
    }

    @Override
    public void writeLazy(ByteBuffer value) {
      parts += 2;
    }
  }

  static int[] toInts(List<Integer> list) {
    int[] out = new int[list.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = list.get(i);
    }
    return out;
  }

  static io.godfs.cluster.v1.StoredChunk toProto(StoredChunk c) {
    return io.godfs.cluster.v1.StoredChunk.newBuilder()
        .setChunkId(c.id().value())
        .setVersion(c.version().value())
        .setLength(c.length())
        .build();
  }

  static StoredChunk toStoredChunk(io.godfs.cluster.v1.StoredChunk p) {
    return new StoredChunk(
        new ChunkId(p.getChunkId()), new ChunkVersion(p.getVersion()), p.getLength());
  }
}
