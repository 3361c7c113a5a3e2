package io.godfs.domain.file;

/** A new, empty file; {@code replaced} holds what an overwritten file released. */
public record CreatedFile(FileStatus status, Removed replaced) {}
