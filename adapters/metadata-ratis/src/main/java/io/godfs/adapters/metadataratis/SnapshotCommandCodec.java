package io.godfs.adapters.metadataratis;

import static io.godfs.adapters.metadataratis.Times.fromProto;
import static io.godfs.adapters.metadataratis.Times.toProto;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.metadata.v1.Command;
import io.godfs.metadata.v1.CreateSnapshot;
import io.godfs.metadata.v1.DeleteSnapshot;
import io.godfs.metadata.v1.RenameSnapshot;
import io.godfs.metadata.v1.RestoreSnapshot;
import io.godfs.metadata.v1.SetQuota;
import io.godfs.metadata.v1.SnapshotsAllowed;

/**
 * The snapshot (ADR 0025) and quota (ADR 0026) commands to and from their log-entry form; see
 * {@link CommandCodec}.
 */
final class SnapshotCommandCodec {
  private SnapshotCommandCodec() {}

  /** Sets {@code command} on {@code b}; false when it is not a snapshot command. */
  static boolean encode(NamespaceCommand<?> command, Command.Builder b) {
    switch (command) {
      case NamespaceCommand.SnapshotsAllowed c ->
          b.setSnapshotsAllowed(
              SnapshotsAllowed.newBuilder()
                  .setPath(c.path().toString())
                  .setAllow(c.allow())
                  .setAt(toProto(c.at())));
      case NamespaceCommand.CreateSnapshot c ->
          b.setCreateSnapshot(
              CreateSnapshot.newBuilder()
                  .setDirectory(c.directory().toString())
                  .setName(c.name())
                  .setAt(toProto(c.at())));
      case NamespaceCommand.DeleteSnapshot c ->
          b.setDeleteSnapshot(
              DeleteSnapshot.newBuilder()
                  .setDirectory(c.directory().toString())
                  .setName(c.name())
                  .setAt(toProto(c.at())));
      case NamespaceCommand.RenameSnapshot c ->
          b.setRenameSnapshot(
              RenameSnapshot.newBuilder()
                  .setDirectory(c.directory().toString())
                  .setFrom(c.from())
                  .setTo(c.to())
                  .setAt(toProto(c.at())));
      case NamespaceCommand.SetQuota c ->
          b.setSetQuota(
              SetQuota.newBuilder()
                  .setDirectory(c.directory().toString())
                  .setNameQuota(c.nameQuota())
                  .setSpaceQuota(c.spaceQuota())
                  .setAt(toProto(c.at())));
      case NamespaceCommand.RestoreSnapshot c ->
          b.setRestoreSnapshot(
              RestoreSnapshot.newBuilder()
                  .setFrom(c.from().toString())
                  .setTo(c.to().toString())
                  .setAt(toProto(c.at())));
      default -> {
        return false;
      }
    }
    return true;
  }

  /** The snapshot command {@code command} holds, or null when it holds another kind. */
  static NamespaceCommand<?> decode(Command command) {
    return switch (command.getKindCase()) {
      case SNAPSHOTS_ALLOWED -> {
        var m = command.getSnapshotsAllowed();
        yield new NamespaceCommand.SnapshotsAllowed(
            new DfsPath(m.getPath()), m.getAllow(), fromProto(m.getAt()));
      }
      case CREATE_SNAPSHOT -> {
        var m = command.getCreateSnapshot();
        yield new NamespaceCommand.CreateSnapshot(
            new DfsPath(m.getDirectory()), m.getName(), fromProto(m.getAt()));
      }
      case DELETE_SNAPSHOT -> {
        var m = command.getDeleteSnapshot();
        yield new NamespaceCommand.DeleteSnapshot(
            new DfsPath(m.getDirectory()), m.getName(), fromProto(m.getAt()));
      }
      case RENAME_SNAPSHOT -> {
        var m = command.getRenameSnapshot();
        yield new NamespaceCommand.RenameSnapshot(
            new DfsPath(m.getDirectory()), m.getFrom(), m.getTo(), fromProto(m.getAt()));
      }
      case SET_QUOTA -> {
        var m = command.getSetQuota();
        yield new NamespaceCommand.SetQuota(
            new DfsPath(m.getDirectory()),
            m.getNameQuota(),
            m.getSpaceQuota(),
            fromProto(m.getAt()));
      }
      case RESTORE_SNAPSHOT -> {
        var m = command.getRestoreSnapshot();
        yield new NamespaceCommand.RestoreSnapshot(
            new DfsPath(m.getFrom()), new DfsPath(m.getTo()), fromProto(m.getAt()));
      }
      default -> null;
    };
  }
}
