package io.godfs.application.port.in;

/**
 * A stored part of a multipart upload: its number, size and ETag ({@code "sha256-<hex>"}, as
 * goDFS).
 */
public record UploadPart(int partNumber, long sizeBytes, String etag) {}
