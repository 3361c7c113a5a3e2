package io.godfs.adapters.metadataratis;

/** Instants in the log and snapshot format: seconds and nanos, exact (no precision lost). */
@SuppressWarnings("checkstyle:InlineFullyQualifiedName")
final class Times {
  private Times() {}

  static io.godfs.metadata.v1.Instant toProto(java.time.Instant t) {
    return io.godfs.metadata.v1.Instant.newBuilder()
        .setSeconds(t.getEpochSecond())
        .setNanos(t.getNano())
        .build();
  }

  static java.time.Instant fromProto(io.godfs.metadata.v1.Instant t) {
    return java.time.Instant.ofEpochSecond(t.getSeconds(), t.getNanos());
  }
}
