package io.godfs.bootstrap.cli;

import io.godfs.bootstrap.config.Sizes;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InodeAttributes;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** How {@code ls} and {@code stat} print a {@link FileStatus}: aligned text or JSON. */
final class StatusFormat {
  /** RFC 3339 in UTC with all nine fraction digits: {@code stat}'s exact times. */
  private static final DateTimeFormatter NANOS =
      new DateTimeFormatterBuilder().appendInstant(9).toFormatter(Locale.ROOT);

  private StatusFormat() {}

  /**
   * {@code d/l/- size modification time name}, e.g. {@code - 1048576 2026-01-02T03:04:05Z a.bin};
   * {@code l} is a symbolic link (ADR 0028).
   */
  static String lsLine(FileStatus s, String name) {
    return String.format(
        Locale.ROOT,
        "%s %12d %s %s",
        typeLetter(s),
        s.length(),
        seconds(s.modificationTime()),
        name);
  }

  /**
   * {@code ls -l}: mode as ls prints it, numeric owner and group, size, modification time, name,
   * e.g. {@code -rw-r----- 1000 100 1048576 2026-01-02T03:04:05Z a.bin}.
   */
  static String lsLongLine(FileStatus s, String name) {
    InodeAttributes a = s.attributes();
    return String.format(
        Locale.ROOT,
        "%s %-7d %-7d %12d %s %s",
        modeText(s),
        a.owner(),
        a.group(),
        s.length(),
        seconds(s.modificationTime()),
        name);
  }

  /**
   * The type and permissions as {@code ls -l} prints them, e.g. {@code drwxr-sr-x}, {@code
   * lrwxrwxrwx}.
   */
  static String modeText(FileStatus s) {
    return typeLetter(s) + FileModes.permissions(s.attributes().mode());
  }

  private static String typeLetter(FileStatus s) {
    return switch (s.type()) {
      case DIRECTORY -> "d";
      case SYMLINK -> "l";
      case FILE -> "-";
      case FIFO -> "p";
      case CHARACTER_DEVICE -> "c";
      case BLOCK_DEVICE -> "b";
      case SOCKET -> "s";
    };
  }

  static String statText(FileStatus s) {
    return statText(s, null);
  }

  /**
   * {@code stat}'s lines; a symbolic link's {@code target} (null for the others) after its type,
   * its length the target's in bytes.
   */
  static String statText(FileStatus s, String target) {
    StringBuilder out = new StringBuilder();
    line(out, "path", DfsPath.escaped(s.path().value()));
    line(out, "type", type(s));
    if (target != null) {
      line(out, "target", DfsPath.escaped(target));
    }
    line(out, "length", String.valueOf(s.length()));
    line(out, "links", String.valueOf(s.links()));
    if (s.type().isDevice()) {
      long device = s.attributes().device();
      line(out, "device", major(device) + "," + minor(device) + " (major,minor)");
    }
    if (s.type() == FileType.FILE) {
      line(out, "replication", String.valueOf(s.replication()));
      line(out, "chunk size", s.chunkSize() + " (" + Sizes.format(s.chunkSize()) + ")");
      line(
          out,
          "chunks",
          s.inline()
              ? "0 (its bytes are kept inline by the master)"
              : String.valueOf(s.chunkCount()));
    }
    InodeAttributes a = s.attributes();
    line(out, "owner", String.valueOf(a.owner()));
    line(out, "group", String.valueOf(a.group()));
    line(out, "mode", FileModes.octal(a.mode()) + " (" + modeText(s) + ")");
    line(out, "accessed", exact(a.accessed()));
    line(out, "modified", exact(s.modificationTime()));
    line(out, "changed", exact(a.changed()));
    line(out, "created", exact(s.creationTime()));
    return out.toString().stripTrailing();
  }

  static String json(FileStatus s) {
    return json(s, null);
  }

  /**
   * One JSON object: {@code path, type ("file"|"directory"|"symlink"), target (a symbolic link's,
   * when given), length, modificationTime, creationTime (ISO-8601), replication, chunkSize, owner,
   * group (numeric ids), mode (octal text, "0644"), permissions ("rw-r--r--"), accessTime,
   * changeTime, links (the link count)}; the times are exact (every nonzero fraction digit).
   */
  static String json(FileStatus s, String target) {
    return "{\"path\":"
        + quote(s.path().value())
        + ",\"type\":"
        + quote(type(s))
        + (target == null ? "" : ",\"target\":" + quote(target))
        + ",\"length\":"
        + s.length()
        + ",\"modificationTime\":"
        + quote(s.modificationTime().toString())
        + ",\"creationTime\":"
        + quote(s.creationTime().toString())
        + ",\"replication\":"
        + s.replication()
        + ",\"chunkSize\":"
        + s.chunkSize()
        + ",\"owner\":"
        + s.attributes().owner()
        + ",\"group\":"
        + s.attributes().group()
        + ",\"mode\":"
        + quote(FileModes.octal(s.attributes().mode()))
        + ",\"permissions\":"
        + quote(FileModes.permissions(s.attributes().mode()))
        + ",\"accessTime\":"
        + quote(s.attributes().accessed().toString())
        + ",\"changeTime\":"
        + quote(s.attributes().changed().toString())
        + ",\"links\":"
        + s.links()
        + "}";
  }

  /**
   * A JSON string literal (RFC 8259): quotes, backslashes, control and bidirectional formatting
   * characters escaped, so that printing it cannot drive a terminal.
   */
  static String quote(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (DfsPath.isUnsafe(c)) {
            out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  private static String type(FileStatus s) {
    return s.type().name().toLowerCase(Locale.ROOT);
  }

  /** glibc's gnu_dev_major: a dev_t's major number. */
  static long major(long device) {
    return ((device >>> 8) & 0xfff) | ((device >>> 32) & ~0xfffL);
  }

  /** glibc's gnu_dev_minor. */
  static long minor(long device) {
    return (device & 0xff) | ((device >>> 12) & 0xffff_ff00L);
  }

  private static String exact(Instant t) {
    return NANOS.format(t);
  }

  private static String seconds(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static void line(StringBuilder out, String key, String value) {
    out.append(String.format(Locale.ROOT, "%-12s %s%n", key + ":", value));
  }
}
