package io.godfs.adapters.rest.fs;

/**
 * One entry of {@code GET /v1/fs/list}: goDFS's fields and the POSIX attributes of ADR 0028 as
 * {@link StatResponse} has them.
 */
public record ListEntry(
    String name,
    boolean isDir,
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
    String modifiedAt) {}
