package io.godfs.adapters.grpc;

import io.godfs.api.v1.ChunkData;
import io.godfs.api.v1.WriteChunkRequest;
import io.godfs.domain.chunk.ChunkPiece;
import io.grpc.MethodDescriptor;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Chunk data messages without copying their bytes, on a chunkserver. A received piece stays in the
 * network buffers it arrived in ({@link Detachable}): the handler {@linkplain #take takes} them
 * with the message's other fields, verifies and stores the piece from there, and a forward to the
 * next replica is written from them too ({@link #forward}, {@link HeldForward}). Before this, each
 * piece was copied into a fresh array when parsed (the largest single cost on a chunkserver during
 * a write) and again into native memory for the disk. Protobuf cannot hold such buffers: since 4.x
 * it copies any buffer without an accessible array that it is asked to wrap.
 *
 * <p>A message that nobody took (a call refused before its handler) is released by {@link
 * #releaseUntaken} once the call's chain has seen it. Small messages (headers, finishes, short
 * pieces) are parsed as before, with one copy.
 */
final class WriteRequestMarshaller implements MethodDescriptor.Marshaller<WriteChunkRequest> {
  /** A received piece: the message's fields but the bytes, and where the bytes lie. */
  record Received(ChunkData fields, List<ByteBuffer> bytes, HeldBuffers buffers) {
    ChunkPiece piece() {
      return new ChunkPiece(
          fields.getOffsetInChunk(),
          bytes.toArray(ByteBuffer[]::new),
          ProtoMapper.toInts(fields.getCrcsList()));
    }
  }

  private final AliasingMarshaller<WriteChunkRequest> copying =
      new AliasingMarshaller<>(WriteChunkRequest.getDefaultInstance());
  private final Map<WriteChunkRequest, Received> received = identityMap();
  private final Map<ChunkPiece, HeldBuffers> pieces = identityMap();

  private static <K, V> Map<K, V> identityMap() {
    return Collections.synchronizedMap(new IdentityHashMap<>());
  }

  @Override
  public InputStream stream(WriteChunkRequest value) {
    return copying.stream(value);
  }

  @Override
  public WriteChunkRequest parse(InputStream stream) {
    return HeldMessages.parse(
        stream,
        DataMessages::parse,
        (parsed, buffers) -> {
          WriteChunkRequest message =
              WriteChunkRequest.newBuilder().setData(parsed.fields()).build();
          received.put(message, new Received(parsed.fields(), parsed.bytes(), buffers));
          return message;
        },
        copying::parse);
  }

  /**
   * The piece behind {@code message} when its bytes were left in the network buffers, now the
   * caller's to release; null when the message carries its bytes itself.
   */
  Received take(WriteChunkRequest message) {
    return received.remove(message);
  }

  /** Closes the buffers of a message that no handler took. */
  void releaseUntaken(Object message) {
    Received r = received.remove(message);
    if (r != null) {
      r.buffers().release();
    }
  }

  /** While {@code piece} is being handled, a forward of it is written from {@code buffers}. */
  void handling(ChunkPiece piece, HeldBuffers buffers) {
    pieces.put(piece, buffers);
  }

  void handled(ChunkPiece piece) {
    pieces.remove(piece);
  }

  /**
   * A forward of {@code piece} written from the buffers it arrived in, when it is one being
   * {@linkplain #handling handled}; null for any other piece (it carries its bytes itself).
   */
  HeldForward forward(long seq, ChunkPiece piece) {
    HeldBuffers buffers = pieces.get(piece);
    if (buffers == null) {
      return null;
    }
    ChunkData.Builder fields = ChunkData.newBuilder().setSeq(seq).setOffsetInChunk(piece.offset());
    for (int crc : piece.crcs()) {
      fields.addCrcs(crc);
    }
    return new HeldForward(fields.build(), piece.parts(), buffers.retain());
  }
}
