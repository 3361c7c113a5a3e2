package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.file.Namespace.MAX_INLINE_LENGTH;

import io.godfs.domain.error.Outcome;
import java.time.Instant;

/**
 * A whole small file created in one mutation with its content kept inline (ADR 0016): checked
 * against the inline limit and the space quotas, then created closed with its bytes.
 */
final class SmallFileCreation {
  private SmallFileCreation() {}

  static Outcome<CreatedFile> create(
      DirectoryTree tree,
      FileIndex files,
      NewFile file,
      int replication,
      long chunkSize,
      byte[] content,
      Instant now) {
    DfsPath path = file.path();
    if (content.length > MAX_INLINE_LENGTH) {
      return Outcome.rejected(
          INVALID_ARGUMENT,
          "create "
              + path
              + ": inline content : "
              + content.length
              + " bytes (expected: at most "
              + MAX_INLINE_LENGTH
              + "; larger files go to chunks)");
    }
    Quotas quotas = files.quotas;
    if (quotas.any()
        && !path.isRoot()
        && tree.directory(path.parent()) instanceof Outcome.Ok<DirectoryInode> parent) {
      Outcome.Rejected<CreatedFile> full =
          quotas.check(parent.value(), 0, (long) content.length * replication, null, path);
      if (full != null) {
        return full;
      }
    }
    return tree.createFile(
            path, file.overwrite(), replication, chunkSize, LeaseHolder.NONE, file.ownership(), now)
        .map(
            created -> {
              if (content.length == 0) {
                return created;
              }
              FileInode inode = files.file(created.status().fileId().value());
              files.setInline(inode, content.clone());
              files.setLength(inode, content.length);
              return new CreatedFile(inode.status(path), created.replaced());
            });
  }
}
