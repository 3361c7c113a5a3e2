package io.godfs.adapters.rest.fs;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code GET /v1/fs/stat}: goDFS's fields ({@code path, is_dir, size, mode, modified_at_unix,
 * created_at_unix}) plus what the JVM goDFS knows besides (ETag, replication, chunk size, and
 * whether the master keeps the file's bytes inline: a small file, ADR 0016), and the POSIX
 * attributes of ADR 0028: {@code owner} and {@code group} (numeric ids), the mode again as octal
 * text ({@code mode_octal}, {@code "0755"}) and as {@code ls -l} shows it ({@code permissions},
 * {@code "rwxr-xr-x"}), and the four times exactly, RFC 3339 with nanoseconds ({@code accessed_at,
 * changed_at, created_at, modified_at}). {@code mode} stays the integer goDFS answers (now the
 * inode's permission bits, 0 to 07777). {@code type} is {@code "file"}, {@code "directory"}, {@code
 * "symlink"} (ADR 0028; a link's {@code size} is its target's length in UTF-8 bytes), or a special
 * file's {@code "fifo"}, {@code "character_device"}, {@code "block_device"}, {@code "socket"}; a
 * link's stat carries its {@code target}, a device's its {@code device} number (dev_t), absent for
 * the others.
 */
public record StatResponse(
    String path,
    boolean isDir,
    String type,
    @JsonInclude(JsonInclude.Include.NON_NULL) String target,
    long size,
    int mode,
    long modifiedAtUnix,
    long createdAtUnix,
    String modifiedAt,
    String etag,
    int replication,
    long chunkSize,
    int chunkCount,
    boolean inline,
    int owner,
    int group,
    String modeOctal,
    String permissions,
    String accessedAt,
    String changedAt,
    String createdAt,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long device,
    int links) {

  /** This stat with a symbolic link's target (which the mapper leaves null). */
  StatResponse withTarget(String linkTarget) {
    return new StatResponse(
        path,
        isDir,
        type,
        linkTarget,
        size,
        mode,
        modifiedAtUnix,
        createdAtUnix,
        modifiedAt,
        etag,
        replication,
        chunkSize,
        chunkCount,
        inline,
        owner,
        group,
        modeOctal,
        permissions,
        accessedAt,
        changedAt,
        createdAt,
        device,
        links);
  }
}
