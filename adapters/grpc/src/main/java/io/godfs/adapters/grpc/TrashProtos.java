package io.godfs.adapters.grpc;

import io.godfs.api.v1.DeleteResponse;
import io.godfs.api.v1.FileType;
import io.godfs.api.v1.ListTrashResponse;
import io.godfs.application.port.in.Deletion;
import io.godfs.application.port.in.TrashEntry;
import io.godfs.application.port.in.TrashPage;
import io.godfs.domain.file.DfsPath;
import java.time.Instant;
import java.util.Optional;

/** The trash's values to and from their protobuf messages (ADR 0024), by hand as ProtoMapper. */
@SuppressWarnings("checkstyle:InlineFullyQualifiedName")
final class TrashProtos {
  private TrashProtos() {}

  static io.godfs.api.v1.TrashEntry toProto(TrashEntry e) {
    return io.godfs.api.v1.TrashEntry.newBuilder()
        .setEntryId(e.id().value())
        .setOriginalPath(e.original().value())
        .setType(e.isDirectory() ? FileType.FILE_TYPE_DIRECTORY : FileType.FILE_TYPE_FILE)
        .setLength(e.length())
        .setDeletedAtMs(e.deletedAt().toEpochMilli())
        .setPurgeAtMs(e.purgeAt().toEpochMilli())
        .build();
  }

  static TrashEntry entry(io.godfs.api.v1.TrashEntry p) {
    return new TrashEntry(
        new TrashEntry.Id(p.getEntryId()),
        new DfsPath(p.getOriginalPath()),
        p.getType() == FileType.FILE_TYPE_DIRECTORY
            ? io.godfs.domain.file.FileType.DIRECTORY
            : io.godfs.domain.file.FileType.FILE,
        p.getLength(),
        Instant.ofEpochMilli(p.getDeletedAtMs()),
        Instant.ofEpochMilli(p.getPurgeAtMs()));
  }

  static DeleteResponse toProto(Deletion deletion) {
    return switch (deletion) {
      case Deletion.Deleted deleted ->
          DeleteResponse.newBuilder().setFilesDeleted(deleted.files()).build();
      case Deletion.Trashed trashed ->
          DeleteResponse.newBuilder().setTrashed(toProto(trashed.entry())).build();
    };
  }

  /** A master without a trash answers only the count: that delete removed the path. */
  static Deletion deletion(DeleteResponse r) {
    return r.hasTrashed()
        ? new Deletion.Trashed(entry(r.getTrashed()))
        : new Deletion.Deleted(r.getFilesDeleted());
  }

  static ListTrashResponse toProto(TrashPage page) {
    return ListTrashResponse.newBuilder()
        .addAllEntries(page.entries().stream().map(TrashProtos::toProto).toList())
        .setNextStartAfter(page.next().orElse(""))
        .build();
  }

  static TrashPage page(ListTrashResponse r) {
    return new TrashPage(
        r.getEntriesList().stream().map(TrashProtos::entry).toList(),
        r.getNextStartAfter().isEmpty() ? Optional.empty() : Optional.of(r.getNextStartAfter()));
  }
}
