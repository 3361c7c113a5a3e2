package io.godfs.adapters.rest.fs;

/** {@code {"old_path","new_path","overwrite"?}}: overwrite replaces an existing file atomically. */
public record RenameRequest(String oldPath, String newPath, Boolean overwrite) {}
