package io.godfs.domain.file;

/**
 * A truncated file's new status; {@code released} holds the chunks past the new end, to collect.
 */
public record Truncated(FileStatus status, Removed released) {}
