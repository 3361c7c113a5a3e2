package io.godfs.adapters.rest.fs;

/** {@code {"old_path","new_path","overwrite"?}}: overwrite replaces an existing file atomically. */
/**
 * {@code {"old_path", "new_path", "overwrite", "exchange"}}: {@code POST /v1/fs/rename}; with
 * {@code exchange} true the two paths trade places atomically (renameat2's RENAME_EXCHANGE, ADR
 * 0028), and both must exist.
 */
public record RenameRequest(String oldPath, String newPath, Boolean overwrite, Boolean exchange) {}
