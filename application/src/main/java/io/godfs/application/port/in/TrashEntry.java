package io.godfs.application.port.in;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileType;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A path that a delete moved to the master's trash (ADR 0024): where it was ({@code original}),
 * what it is, its length (a file's; 0 for a directory, whose size would need a walk of its tree),
 * when it was deleted and when the master purges it unless it is restored first.
 */
public record TrashEntry(
    Id id, DfsPath original, FileType type, long length, Instant deletedAt, Instant purgeAt) {

  public TrashEntry {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(original, "original");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(deletedAt, "deletedAt");
    Objects.requireNonNull(purgeAt, "purgeAt");
    if (length < 0) {
      throw new IllegalArgumentException("length : " + length + " (expected: >= 0)");
    }
  }

  public boolean isDirectory() {
    return type == FileType.DIRECTORY;
  }

  /**
   * One deletion's name in the trash: {@code <deletion time, epoch ms, 13 digits>-<16 hex
   * digits>-<depth of the original path>}, like {@code 1733400000000-0123456789abcdef-2}. Names of
   * one width sort as their deletion times, so the oldest deletions come first in a listing and the
   * purge needs no other record; the random part keeps two deletions of one millisecond apart; the
   * depth says how many segments below the entry the deleted path lies.
   */
  public record Id(String value) {
    private static final Pattern FORMAT = Pattern.compile("(\\d{13})-([0-9a-f]{16})-(\\d{1,4})");

    public Id {
      Objects.requireNonNull(value, "value");
      if (!FORMAT.matcher(value).matches()) {
        throw new IllegalArgumentException(
            "trash entry id : '"
                + DfsPath.escaped(value.length() > 64 ? value.substring(0, 64) + "..." : value)
                + "' (expected: like 1733400000000-0123456789abcdef-2, as 'godfs fs trash ls'"
                + " shows it)");
      }
    }

    /** The id of a deletion at {@code at} of a path {@code depth} segments deep. */
    public static Id of(Instant at, long random, int depth) {
      return new Id(String.format("%013d-%016x-%d", at.toEpochMilli(), random, depth));
    }

    /** The id {@code name} is, if it is one (a trash holds nothing else, but never trust that). */
    public static Optional<Id> parse(String name) {
      return FORMAT.matcher(name).matches() ? Optional.of(new Id(name)) : Optional.empty();
    }

    /** When the delete happened, to the millisecond. */
    public Instant deletedAt() {
      return Instant.ofEpochMilli(Long.parseLong(part(1)));
    }

    /** How many segments the deleted path has (1 for {@code /a}). */
    public int depth() {
      return Integer.parseInt(part(3));
    }

    private String part(int group) {
      Matcher m = FORMAT.matcher(value);
      if (!m.matches()) {
        throw new IllegalStateException("checked at construction: " + value);
      }
      return m.group(group);
    }

    @Override
    public String toString() {
      return value;
    }
  }
}
