package io.godfs.application.port.in;

/**
 * A part named for completion: its number and, when given, the ETag it must still have (else null).
 */
public record PartChoice(int partNumber, String etag) {}
