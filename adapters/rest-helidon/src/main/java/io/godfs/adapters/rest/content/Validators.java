package io.godfs.adapters.rest.content;

import io.godfs.domain.file.FileStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A file version's HTTP validators. The ETag is strong: {@code "<file id>-<length>-<mtime ns>"} in
 * hex. Every PUT makes a new file (temp + rename), so a new id; an in-place write changes the
 * length or the modification time. Last-Modified is the modification time in whole seconds.
 */
public record Validators(String etag, Instant lastModified) {

  public static Validators of(FileStatus status) {
    Instant mtime = status.modificationTime();
    long nanos = mtime.getEpochSecond() * 1_000_000_000L + mtime.getNano();
    String etag =
        "\""
            + Long.toHexString(status.fileId().value())
            + "-"
            + Long.toHexString(status.length())
            + "-"
            + Long.toHexString(nanos)
            + "\"";
    return new Validators(etag, mtime.truncatedTo(ChronoUnit.SECONDS));
  }

  public String lastModifiedHeader() {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(lastModified.atZone(ZoneOffset.UTC));
  }
}
