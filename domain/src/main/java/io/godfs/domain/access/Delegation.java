package io.godfs.domain.access;

import io.godfs.domain.file.DfsPath;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * What a delegation token lets its holder do in the name of the user who asked for it (ADR 0022):
 * one operation on one file until it expires, as a presigned URL carries it. A {@code read} token
 * reads that file (a GET or HEAD); a {@code write} token writes exactly {@code contentLength} bytes
 * to it (a PUT), and so may also look at it and stage the bytes in its issuer's own staging folder
 * ({@link UploadAreas#staging}), which is how front ends write a file whole.
 *
 * @param contentLength the exact body length a write token admits; -1 for a read token
 */
public record Delegation(DfsPath path, Operation operation, long contentLength, Instant expires) {
  /** The longest a delegation token lives (S3's presigned URLs' limit too). */
  public static final Duration MAX_LIFETIME = Duration.ofDays(7);

  /** What a token is for. */
  public enum Operation {
    READ,
    WRITE;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** {@code read} or {@code write}, any case; IllegalArgumentException naming both otherwise. */
    public static Operation parse(String raw) {
      for (Operation o : values()) {
        if (o.label().equalsIgnoreCase(raw.strip())) {
          return o;
        }
      }
      throw new IllegalArgumentException("operation : " + raw + " (expected: read or write)");
    }
  }

  public Delegation {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(operation, "operation");
    Objects.requireNonNull(expires, "expires");
    if (operation == Operation.READ && contentLength != -1) {
      throw new IllegalArgumentException(
          "content length " + contentLength + " on a read token (expected: -1)");
    }
    if (operation == Operation.WRITE && contentLength < 0) {
      throw new IllegalArgumentException(
          "content length " + contentLength + " on a write token (expected: >= 0)");
    }
  }

  public static Delegation read(DfsPath path, Instant expires) {
    return new Delegation(path, Operation.READ, -1, expires);
  }

  public static Delegation write(DfsPath path, long contentLength, Instant expires) {
    return new Delegation(path, Operation.WRITE, contentLength, expires);
  }

  /**
   * The permissions this token leaves its holder at {@code at} (before the issuer's own rules are
   * asked): only on its file, and for a write token in {@code issuer}'s staging folder.
   */
  Set<Permission> permitsAt(String issuer, DfsPath at) {
    if (at.equals(path)) {
      return operation == Operation.READ
          ? EnumSet.of(Permission.READ)
          : EnumSet.of(Permission.READ, Permission.WRITE);
    }
    if (operation == Operation.WRITE
        && UploadAreas.of(issuer)
            .map(UploadAreas::staging)
            .map(s -> s.contains(at))
            .orElse(false)) {
      return EnumSet.of(Permission.READ, Permission.WRITE, Permission.DELETE);
    }
    return EnumSet.noneOf(Permission.class);
  }

  /** {@code read of /a/b} or {@code write of /a/b (12 bytes)}, for refusals and the audit trail. */
  public String describe() {
    return operation.label()
        + " of "
        + path
        + (operation == Operation.WRITE ? " (" + contentLength + " bytes)" : "");
  }
}
