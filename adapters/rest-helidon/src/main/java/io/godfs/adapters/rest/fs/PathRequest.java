package io.godfs.adapters.rest.fs;

/**
 * {@code {"path", "parents"?, "overwrite"?}}: mkdir ({@code parents}) and file ({@code overwrite}).
 */
public record PathRequest(String path, Boolean parents, Boolean overwrite) {}
