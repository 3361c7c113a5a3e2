package io.godfs.adapters.metadataratis;

import static io.godfs.adapters.metadataratis.Times.fromProto;
import static io.godfs.adapters.metadataratis.Times.toProto;

import com.google.protobuf.ByteString;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.metadata.v1.AddChunkAccessKey;
import io.godfs.metadata.v1.AdoptChunk;
import io.godfs.metadata.v1.AllocateChunk;
import io.godfs.metadata.v1.CloseFile;
import io.godfs.metadata.v1.Command;
import io.godfs.metadata.v1.CommitChunk;
import io.godfs.metadata.v1.CreateFile;
import io.godfs.metadata.v1.Delete;
import io.godfs.metadata.v1.ForgetDeleted;
import io.godfs.metadata.v1.Mkdir;
import io.godfs.metadata.v1.OpenForWrite;
import io.godfs.metadata.v1.RecoverLease;
import io.godfs.metadata.v1.RegrantChunk;
import io.godfs.metadata.v1.Rename;
import io.godfs.metadata.v1.StoreInline;
import io.godfs.metadata.v1.Truncate;
import java.util.List;
import java.util.Optional;

/**
 * Namespace commands to and from their log-entry form. Pure mapping, no rules: the rules live in
 * {@link NamespaceCommand#applyTo}, which every replica runs on the decoded command.
 */
final class CommandCodec {
  private CommandCodec() {}

  static Command encode(NamespaceCommand<?> command) {
    if (command instanceof NamespaceCommand.AsUser<?> checked) {
      return encode(checked.command()).toBuilder().setAsUser(AsUserCodec.encode(checked)).build();
    }
    Command.Builder b = Command.newBuilder();
    if (SnapshotCommandCodec.encode(command, b)) {
      return b.build();
    }
    switch (command) {
      case NamespaceCommand.Mkdir c -> {
        var m =
            Mkdir.newBuilder()
                .setPath(c.path().toString())
                .setParents(c.parents())
                .setAt(toProto(c.at()));
        if (c.ownership() != null) {
          m.setOwnership(AttributesCodec.encode(c.ownership()));
        }
        b.setMkdir(m);
      }
      case NamespaceCommand.SetAttributes c -> b.setSetAttributes(AttributesCodec.encode(c));
      case NamespaceCommand.SetXattr c -> b.setSetXattr(AttributesCodec.encode(c));
      case NamespaceCommand.RemoveXattr c -> b.setRemoveXattr(AttributesCodec.encode(c));
      case NamespaceCommand.CreateSymlink c -> b.setCreateSymlink(AttributesCodec.encode(c));
      case NamespaceCommand.MakeNode c -> b.setMakeNode(AttributesCodec.encode(c));
      case NamespaceCommand.Link c -> b.setLink(LinkCodec.encode(c));
      case NamespaceCommand.ExchangeNames c -> b.setExchangeNames(LinkCodec.encode(c));
      case NamespaceCommand.CreateFile c -> {
        var m =
            CreateFile.newBuilder()
                .setPath(c.path().toString())
                .setOverwrite(c.overwrite())
                .setReplication(c.replication())
                .setChunkSize(c.chunkSize())
                .setAt(toProto(c.at()));
        if (c.writer() instanceof LeaseHolder.Client w) {
          m.setWriter(w.name());
        }
        if (c.content() != null) {
          m.setContent(ByteString.copyFrom(c.content()));
        }
        if (c.ownership() != null) {
          m.setOwnership(AttributesCodec.encode(c.ownership()));
        }
        b.setCreateFile(m);
      }
      case NamespaceCommand.Rename c ->
          b.setRename(
              Rename.newBuilder()
                  .setSource(c.source().toString())
                  .setTarget(c.target().toString())
                  .setReplace(c.replace())
                  .setExpectedTargetId(c.expectedTarget().map(FileId::value).orElse(0L))
                  .setAt(toProto(c.at())));
      case NamespaceCommand.Delete c ->
          b.setDelete(
              Delete.newBuilder()
                  .setPath(c.path().toString())
                  .setRecursive(c.recursive())
                  .setAt(toProto(c.at())));
      case NamespaceCommand.AllocateChunk c -> {
        var m =
            AllocateChunk.newBuilder()
                .setPath(c.path().toString())
                .setFileId(c.fileId().value())
                .setIndex(c.index())
                .setAt(toProto(c.at()));
        if (c.writer() instanceof LeaseHolder.Client w) {
          m.setWriter(w.name());
        }
        b.setAllocateChunk(m);
      }
      case NamespaceCommand.CommitChunk c -> {
        var m =
            CommitChunk.newBuilder()
                .setPath(c.path().toString())
                .setFileId(c.fileId().value())
                .setIndex(c.index())
                .setChunkId(c.chunkId().value())
                .setVersion(c.version().value())
                .setChunkLength(c.chunkLength())
                .setAt(toProto(c.at()));
        if (c.writer() instanceof LeaseHolder.Client w) {
          m.setWriter(w.name());
        }
        b.setCommitChunk(m);
      }
      case NamespaceCommand.Truncate c -> {
        var m =
            Truncate.newBuilder()
                .setPath(c.path().toString())
                .setLength(c.length())
                .setAt(toProto(c.at()));
        if (c.writer() instanceof LeaseHolder.Client w) {
          m.setWriter(w.name());
        }
        b.setTruncate(m);
      }
      case NamespaceCommand.StoreInline c -> {
        var m =
            StoreInline.newBuilder()
                .setPath(c.path().toString())
                .setFileId(c.fileId().value())
                .setOffset(c.offset())
                .setData(ByteString.copyFrom(c.data()))
                .setClose(c.close())
                .setAt(toProto(c.at()));
        if (c.writer() instanceof LeaseHolder.Client w) {
          m.setWriter(w.name());
        }
        b.setStoreInline(m);
      }
      case NamespaceCommand.OpenForWrite c ->
          b.setOpenForWrite(
              OpenForWrite.newBuilder()
                  .setPath(c.path().toString())
                  .setWriter(c.writer().name())
                  .setAt(toProto(c.at())));
      case NamespaceCommand.CloseFile c ->
          b.setCloseFile(
              CloseFile.newBuilder()
                  .setFileId(c.fileId().value())
                  .setWriter(c.writer().name())
                  .setAt(toProto(c.at())));
      case NamespaceCommand.RecoverLease c ->
          b.setRecoverLease(
              RecoverLease.newBuilder().setFileId(c.fileId().value()).setAt(toProto(c.at())));
      case NamespaceCommand.AdoptChunk c ->
          b.setAdoptChunk(
              AdoptChunk.newBuilder()
                  .setFileId(c.fileId().value())
                  .setIndex(c.index())
                  .setChunkId(c.chunkId().value())
                  .setVersion(c.version().value())
                  .setLength(c.length())
                  .setAt(toProto(c.at())));
      case NamespaceCommand.RegrantChunk c -> {
        var m =
            RegrantChunk.newBuilder()
                .setPath(c.path().toString())
                .setFileId(c.fileId().value())
                .setIndex(c.index())
                .setChunkId(c.chunkId().value())
                .setFailedVersion(c.failedVersion().value())
                .setAt(toProto(c.at()));
        if (c.writer() instanceof LeaseHolder.Client w) {
          m.setWriter(w.name());
        }
        b.setRegrantChunk(m);
      }
      case NamespaceCommand.ForgetDeleted c ->
          b.setForgetDeleted(
              ForgetDeleted.newBuilder()
                  .addAllChunks(c.chunks().stream().map(ChunkId::value).toList())
                  .setAt(toProto(c.at())));
      case NamespaceCommand.AddChunkAccessKey c ->
          b.setAddChunkAccessKey(
              AddChunkAccessKey.newBuilder()
                  .setKey(AccessKeyCodec.encode(c.key()))
                  .setAt(toProto(c.at())));
      case NamespaceCommand.AddDelegationKey c ->
          b.setAddDelegationKey(
              AddChunkAccessKey.newBuilder()
                  .setKey(AccessKeyCodec.encode(c.key()))
                  .setAt(toProto(c.at())));
      default -> throw new IllegalArgumentException("no log form for " + command);
    }
    return b.build();
  }

  /**
   * The command a log entry holds; an entry of an unknown kind is a format error, not a refusal.
   */
  static NamespaceCommand<?> decode(Command command) {
    NamespaceCommand<?> decoded = decodeKind(command);
    return command.hasAsUser() ? AsUserCodec.decode(command.getAsUser(), decoded) : decoded;
  }

  private static NamespaceCommand<?> decodeKind(Command command) {
    return switch (command.getKindCase()) {
      case MKDIR -> {
        var m = command.getMkdir();
        yield new NamespaceCommand.Mkdir(
            new DfsPath(m.getPath()),
            m.getParents(),
            AttributesCodec.decode(m.hasOwnership(), m.getOwnership()),
            fromProto(m.getAt()));
      }
      case CREATE_FILE -> {
        var m = command.getCreateFile();
        yield new NamespaceCommand.CreateFile(
            new DfsPath(m.getPath()),
            m.getOverwrite(),
            m.getReplication(),
            m.getChunkSize(),
            LeaseHolder.ofNullable(m.hasWriter() ? m.getWriter() : null),
            m.hasContent() ? m.getContent().toByteArray() : null,
            AttributesCodec.decode(m.hasOwnership(), m.getOwnership()),
            fromProto(m.getAt()));
      }
      case RENAME -> {
        var m = command.getRename();
        yield new NamespaceCommand.Rename(
            new DfsPath(m.getSource()),
            new DfsPath(m.getTarget()),
            m.getReplace(),
            m.getExpectedTargetId() == 0
                ? Optional.empty()
                : Optional.of(new FileId(m.getExpectedTargetId())),
            fromProto(m.getAt()));
      }
      case DELETE -> {
        var m = command.getDelete();
        yield new NamespaceCommand.Delete(
            new DfsPath(m.getPath()), m.getRecursive(), fromProto(m.getAt()));
      }
      case ALLOCATE_CHUNK -> {
        var m = command.getAllocateChunk();
        yield new NamespaceCommand.AllocateChunk(
            new DfsPath(m.getPath()),
            new FileId(m.getFileId()),
            m.getIndex(),
            LeaseHolder.ofNullable(m.hasWriter() ? m.getWriter() : null),
            fromProto(m.getAt()));
      }
      case COMMIT_CHUNK -> {
        var m = command.getCommitChunk();
        yield new NamespaceCommand.CommitChunk(
            new DfsPath(m.getPath()),
            new FileId(m.getFileId()),
            m.getIndex(),
            new ChunkId(m.getChunkId()),
            new ChunkVersion(m.getVersion()),
            m.getChunkLength(),
            LeaseHolder.ofNullable(m.hasWriter() ? m.getWriter() : null),
            fromProto(m.getAt()));
      }
      case TRUNCATE -> {
        var m = command.getTruncate();
        yield new NamespaceCommand.Truncate(
            new DfsPath(m.getPath()),
            m.getLength(),
            LeaseHolder.ofNullable(m.hasWriter() ? m.getWriter() : null),
            fromProto(m.getAt()));
      }
      case OPEN_FOR_WRITE -> {
        var m = command.getOpenForWrite();
        yield new NamespaceCommand.OpenForWrite(
            new DfsPath(m.getPath()), LeaseHolder.client(m.getWriter()), fromProto(m.getAt()));
      }
      case STORE_INLINE -> {
        var m = command.getStoreInline();
        yield new NamespaceCommand.StoreInline(
            new DfsPath(m.getPath()),
            new FileId(m.getFileId()),
            m.getOffset(),
            m.getData().toByteArray(),
            LeaseHolder.ofNullable(m.hasWriter() ? m.getWriter() : null),
            m.getClose(),
            fromProto(m.getAt()));
      }
      case CLOSE_FILE -> {
        var m = command.getCloseFile();
        yield new NamespaceCommand.CloseFile(
            new FileId(m.getFileId()), LeaseHolder.client(m.getWriter()), fromProto(m.getAt()));
      }
      case RECOVER_LEASE -> {
        var m = command.getRecoverLease();
        yield new NamespaceCommand.RecoverLease(new FileId(m.getFileId()), fromProto(m.getAt()));
      }
      case ADOPT_CHUNK -> {
        var m = command.getAdoptChunk();
        yield new NamespaceCommand.AdoptChunk(
            new FileId(m.getFileId()),
            m.getIndex(),
            new ChunkId(m.getChunkId()),
            new ChunkVersion(m.getVersion()),
            m.getLength(),
            fromProto(m.getAt()));
      }
      case REGRANT_CHUNK -> {
        var m = command.getRegrantChunk();
        yield new NamespaceCommand.RegrantChunk(
            new DfsPath(m.getPath()),
            new FileId(m.getFileId()),
            m.getIndex(),
            new ChunkId(m.getChunkId()),
            new ChunkVersion(m.getFailedVersion()),
            LeaseHolder.ofNullable(m.hasWriter() ? m.getWriter() : null),
            fromProto(m.getAt()));
      }
      case FORGET_DELETED -> {
        var m = command.getForgetDeleted();
        List<ChunkId> chunks = m.getChunksList().stream().map(ChunkId::new).toList();
        yield new NamespaceCommand.ForgetDeleted(chunks, fromProto(m.getAt()));
      }
      case ADD_CHUNK_ACCESS_KEY -> {
        var m = command.getAddChunkAccessKey();
        yield new NamespaceCommand.AddChunkAccessKey(
            AccessKeyCodec.decode(m.getKey()), fromProto(m.getAt()));
      }
      case ADD_DELEGATION_KEY -> {
        var m = command.getAddDelegationKey();
        yield new NamespaceCommand.AddDelegationKey(
            AccessKeyCodec.decode(m.getKey()), fromProto(m.getAt()));
      }
      case KIND_NOT_SET ->
          throw new IllegalArgumentException("log entry holds no command (unknown kind?)");
      case INSTALL_AUTHORITY, ADD_JOIN_TOKEN, USE_JOIN_TOKEN ->
          throw new IllegalArgumentException(
              "a certificate authority command is not a namespace command (AuthorityCodec)");
      case SNAPSHOTS_ALLOWED,
          CREATE_SNAPSHOT,
          DELETE_SNAPSHOT,
          RENAME_SNAPSHOT,
          RESTORE_SNAPSHOT,
          SET_QUOTA ->
          SnapshotCommandCodec.decode(command);
      case SET_ATTRIBUTES -> AttributesCodec.decode(command.getSetAttributes());
      case SET_XATTR -> AttributesCodec.decode(command.getSetXattr());
      case REMOVE_XATTR -> AttributesCodec.decode(command.getRemoveXattr());
      case CREATE_SYMLINK -> AttributesCodec.decode(command.getCreateSymlink());
      case MAKE_NODE -> AttributesCodec.decode(command.getMakeNode());
      case LINK -> LinkCodec.decode(command.getLink());
      case EXCHANGE_NAMES -> LinkCodec.decode(command.getExchangeNames());
    };
  }
}
