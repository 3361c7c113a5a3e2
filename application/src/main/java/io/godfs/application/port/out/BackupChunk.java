package io.godfs.application.port.out;

import java.util.HexFormat;
import java.util.Objects;

/**
 * One chunk of a backed-up file: the {@code index}-th of its file, stored in the backup's chunk
 * directory under {@code name}, {@code length} bytes whose SHA-256 is {@code sha256} (lower-case
 * hex).
 *
 * <p>The name is {@code <source>-<chunk id in hex>-v<version>-<length>}: within one incarnation of
 * a cluster (the {@link BackupManifest#source() source} tag) a chunk id and version name one
 * content (a chunk a snapshot holds is never rewritten; a changed chunk gets a new version), and
 * the length tells apart the prefixes of it that files of different lengths use. So a chunk that is
 * already in the backup directory under its name is the same bytes: that is what makes a second
 * backup incremental.
 */
public record BackupChunk(int index, String name, long length, String sha256) {
  public BackupChunk {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(sha256, "sha256");
    if (index < 0 || length < 0) {
      throw new IllegalArgumentException(name + ": index " + index + ", length " + length);
    }
    if (sha256.length() != 64 || !sha256.equals(sha256.toLowerCase())) {
      throw new IllegalArgumentException(name + ": not a lower-case SHA-256: " + sha256);
    }
    HexFormat.of().parseHex(sha256);
  }

  /** The name of {@code length} bytes of chunk {@code chunkIdHex} at {@code version}. */
  public static String nameOf(String source, String chunkIdHex, long version, long length) {
    return source + "-" + chunkIdHex + "-v" + version + "-" + length;
  }
}
