package io.godfs.application.port.in;

import io.godfs.domain.file.DfsPath;
import java.time.Instant;

/**
 * A started multipart upload: its id (32 hex digits), the file it makes, and when it expires
 * unfinished.
 */
public record MultipartUpload(String id, DfsPath target, Instant expiresAt) {}
