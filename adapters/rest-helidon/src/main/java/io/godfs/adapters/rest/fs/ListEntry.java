package io.godfs.adapters.rest.fs;

/** One entry of {@code GET /v1/fs/list}. */
public record ListEntry(String name, boolean isDir, long size, long modifiedAtUnix) {}
