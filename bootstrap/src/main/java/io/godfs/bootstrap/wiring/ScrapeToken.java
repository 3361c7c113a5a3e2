package io.godfs.bootstrap.wiring;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;

/**
 * The scrape token of {@code GODFS_METRICS_TOKEN_FILE}: what a scraper without a client certificate
 * presents as {@code Authorization: Bearer} (Prometheus' {@code authorization.credentials_file}).
 * The file is read again when it changes, so a rotated token applies without a restart; a file that
 * became unreadable or too short keeps the last good token and is reported once per change.
 */
final class ScrapeToken {
  /** Shorter tokens are guessable: the same floor as API keys' entropy. */
  static final int MIN_LENGTH = 32;

  private static final System.Logger LOG = System.getLogger(ScrapeToken.class.getName());

  private final Path file;
  private byte[] token;
  private FileTime readAt;

  private ScrapeToken(Path file, byte[] token, FileTime readAt) {
    this.file = file;
    this.token = token;
    this.readAt = readAt;
  }

  /**
   * Reads {@code file}; a missing, unreadable or short token stops the start naming the setting.
   */
  static ScrapeToken from(Path file) {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      return new ScrapeToken(file, read(file), modified);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "GODFS_METRICS_TOKEN_FILE " + file + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static byte[] read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8).strip();
    if (text.length() < MIN_LENGTH) {
      throw new IllegalArgumentException(
          "GODFS_METRICS_TOKEN_FILE "
              + file
              + " holds "
              + text.length()
              + " characters (expected: a token of "
              + MIN_LENGTH
              + " or more, e.g. from openssl rand -hex 32)");
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether {@code presented} is the token, compared in constant time. */
  boolean matches(String presented) {
    byte[] current = current();
    return MessageDigest.isEqual(current, presented.strip().getBytes(StandardCharsets.UTF_8));
  }

  private synchronized byte[] current() {
    try {
      FileTime modified = Files.getLastModifiedTime(file);
      if (!modified.equals(readAt)) {
        readAt = modified;
        token = read(file);
      }
    } catch (IOException | IllegalArgumentException e) {
      LOG.log(System.Logger.Level.WARNING, "keeping the previous scrape token: " + e.getMessage());
    }
    return token;
  }
}
