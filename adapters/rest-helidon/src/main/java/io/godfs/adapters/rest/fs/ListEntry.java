package io.godfs.adapters.rest.fs;

/**
 * One entry of {@code GET /v1/fs/list}: goDFS's fields and the POSIX attributes of ADR 0028 as
 * {@link StatResponse} has them, and the {@code type} ({@code "file"}, {@code "directory"}, {@code
 * "symlink"}; {@code links} the link count); a link's target is not read for a listing (one call
 * per page): stat or readlink it.
 */
public record ListEntry(
    String name,
    boolean isDir,
    String type,
    long size,
    long modifiedAtUnix,
    int mode,
    String modeOctal,
    String permissions,
    int owner,
    int group,
    String accessedAt,
    String changedAt,
    String createdAt,
    String modifiedAt,
    int links) {}
