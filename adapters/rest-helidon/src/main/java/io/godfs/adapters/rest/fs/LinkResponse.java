package io.godfs.adapters.rest.fs;

/** {@code GET /v1/fs/readlink}: a symbolic link's path and its target, as stored (ADR 0028). */
public record LinkResponse(String path, String target) {}
