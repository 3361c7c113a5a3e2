package io.godfs.adapters.rest.fs;

/**
 * {@code {"path","size"}}: {@code POST /v1/fs/truncate}, named as goDFS's {@code TruncateFile(path,
 * size)}. {@code size} is boxed so that a missing field is reported as missing, not read as 0.
 */
public record TruncateRequest(String path, Long size) {}
