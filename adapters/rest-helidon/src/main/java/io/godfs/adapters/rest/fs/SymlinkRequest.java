package io.godfs.adapters.rest.fs;

/**
 * {@code {"path", "target"}}: {@code POST /v1/fs/symlink} (ADR 0028), a link at {@code path} to
 * {@code target}, stored as given (relative or absolute, it need not exist) and never followed.
 */
public record SymlinkRequest(String path, String target) {}
