package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.CONFLICT;
import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;

import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Small files whose bytes the namespace holds itself, so that writing one costs a single metadata
 * mutation instead of a chunk grant, a replica pipeline and a commit (ADR 0016). Their bytes are
 * replicated and made durable with the metadata (the Raft log), and read back with the file's
 * location.
 *
 * <p>A file's content is either inline or in chunks. Writing a file that has no chunks, within
 * {@link Namespace#MAX_INLINE_LENGTH}, keeps it inline; anything larger goes to chunks, and the
 * writer first rewrites the inline bytes as chunk 0: committing chunk 0 drops them. Until that
 * commit readers see the inline bytes, so no reader ever sees a half-converted file.
 */
final class InlineFiles {
  private final FileLeases leases;
  private final FileIndex files;
  private final Snapshots snapshots;

  InlineFiles(FileLeases leases, FileIndex files, Snapshots snapshots) {
    this.leases = leases;
    this.files = files;
    this.snapshots = snapshots;
  }

  /**
   * Writes {@code data} at {@code offset} of a chunkless file held by {@code writer}: over its
   * inline bytes, or over the zeros of a hole, growing it as needed; {@code close} releases the
   * lease too.
   */
  Outcome<FileStatus> store(
      DfsPath path,
      FileId fileId,
      long offset,
      byte[] data,
      LeaseHolder writer,
      boolean close,
      Instant now) {
    return leases
        .writableFile(path, fileId, writer)
        .flatMap(
            file -> {
              if (!file.chunks.isEmpty()) {
                return Outcome.rejected(
                    CONFLICT,
                    "file " + path + " keeps its bytes in chunks; it cannot take inline data");
              }
              if (offset < 0 || offset > Namespace.MAX_INLINE_LENGTH) {
                return Outcome.rejected(
                    INVALID_ARGUMENT,
                    "inline write offset : "
                        + offset
                        + " (expected: 0-"
                        + Namespace.MAX_INLINE_LENGTH
                        + ")");
              }
              long length = Math.max(file.length, offset + data.length);
              if (length > Namespace.MAX_INLINE_LENGTH) {
                return Outcome.rejected(
                    INVALID_ARGUMENT,
                    "inline file length : "
                        + length
                        + " for "
                        + path
                        + " (expected: at most "
                        + Namespace.MAX_INLINE_LENGTH
                        + " bytes; larger files go to chunks)");
              }
              Outcome.Rejected<FileStatus> full =
                  files.quotas.checkGrowth(file, length - file.length, path);
              if (full != null) {
                return full;
              }
              snapshots.beforeChange(file);
              byte[] content =
                  Arrays.copyOf(file.inline == null ? new byte[0] : file.inline, (int) length);
              System.arraycopy(data, 0, content, (int) offset, data.length);
              files.setInline(file, length == 0 ? null : content);
              files.setLength(file, length);
              file.modified(now);
              if (close) {
                leases.setWriter(file, LeaseHolder.NONE);
              }
              return Outcome.ok(file.status(path));
            });
  }

  /**
   * A truncate of an inline file: it stays inline, cut or padded with zeros. Growing it past the
   * inline limit is refused: its bytes must first be rewritten as chunk 0 (the client does that).
   */
  Outcome<Truncated> cut(FileInode file, DfsPath path, long length, Instant now) {
    if (length > Namespace.MAX_INLINE_LENGTH) {
      return Outcome.rejected(
          CONFLICT,
          "file "
              + path
              + " is stored inline ("
              + file.length
              + " bytes); rewrite it as chunks before growing it to "
              + length
              + " bytes");
    }
    snapshots.beforeChange(file);
    files.setInline(file, length == 0 ? null : Arrays.copyOf(file.inline, (int) length));
    files.setLength(file, length);
    file.modified(now);
    return Outcome.ok(new Truncated(file.status(path), new Removed(0, List.of())));
  }

  /**
   * Whether a commit (or lease-recovery adoption) of chunk {@code index} with {@code chunkLength}
   * bytes may go ahead on {@code file}: on an inline file only chunk 0 holding at least the inline
   * bytes may, and the caller then drops them ({@code file.inline = null}). Null when it may.
   */
  static Outcome.Rejected<Long> refusesChunk(
      FileInode file, DfsPath path, int index, long chunkLength) {
    if (file.inline == null || (index == 0 && chunkLength >= file.inline.length)) {
      return null;
    }
    return new Outcome.Rejected<>(
        DfsError.of(
            CONFLICT,
            "file "
                + path
                + " is stored inline ("
                + file.inline.length
                + " bytes): only a chunk 0 holding at least those bytes may"
                + " replace them, not chunk "
                + index
                + " with "
                + chunkLength
                + " bytes"));
  }
}
