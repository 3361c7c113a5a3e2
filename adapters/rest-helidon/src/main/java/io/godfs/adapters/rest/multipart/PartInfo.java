package io.godfs.adapters.rest.multipart;

/** A staged part: its number, size and ETag ({@code "sha256-<hex>"}, as goDFS). */
public record PartInfo(int partNumber, long sizeBytes, String etag) {}
