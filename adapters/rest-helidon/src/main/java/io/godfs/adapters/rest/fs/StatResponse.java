package io.godfs.adapters.rest.fs;

/**
 * {@code GET /v1/fs/stat}: goDFS's fields ({@code path, is_dir, size, mode, modified_at_unix,
 * created_at_unix}) plus what the JVM goDFS knows besides (ETag, replication, chunk size, and
 * whether the master keeps the file's bytes inline: a small file, ADR 0016).
 */
public record StatResponse(
    String path,
    boolean isDir,
    long size,
    int mode,
    long modifiedAtUnix,
    long createdAtUnix,
    String modifiedAt,
    String etag,
    int replication,
    long chunkSize,
    int chunkCount,
    boolean inline) {}
