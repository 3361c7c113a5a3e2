package io.godfs.adapters.rest.fs;

/**
 * {@code {"path", "entry_id"?}}: {@code POST /v1/fs/restore}, the seed's RestoreFile; {@code
 * entry_id} picks one deletion of the path (as {@code GET /v1/fs/trash} lists it), else the latest.
 */
public record RestoreRequest(String path, String entryId) {}
