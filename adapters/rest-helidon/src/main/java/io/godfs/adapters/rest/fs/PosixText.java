package io.godfs.adapters.rest.fs;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

/**
 * POSIX attributes as the JSON shows them (ADR 0028): a mode as four octal digits ({@code "0755"})
 * and as {@code ls -l} does ({@code "rwxr-sr-t"}), and a time as RFC 3339 in UTC with all nine
 * digits of its nanoseconds ({@code "1969-12-31T23:59:59.000000001Z"}), so it reads back exactly.
 */
final class PosixText {
  /** {@code uuuu-MM-ddTHH:mm:ss.nnnnnnnnnZ}; a year past 9999 gets a sign, as ISO-8601 says. */
  private static final DateTimeFormatter NANOS =
      new DateTimeFormatterBuilder().appendInstant(9).toFormatter(Locale.ROOT);

  private PosixText() {}

  /** The 12 permission bits as four octal digits, e.g. {@code 0755}, {@code 4755}. */
  static String octal(int mode) {
    return String.format(Locale.ROOT, "%04o", mode & 07777);
  }

  /**
   * The nine characters {@code ls -l} prints after the type: {@code rwx} for user, group and other;
   * setuid and setgid show as {@code s} over an execute bit and {@code S} without one, sticky as
   * {@code t} and {@code T}.
   */
  static String permissions(int mode) {
    char[] out = new char[9];
    for (int who = 0; who < 3; who++) {
      int bits = mode >> (6 - 3 * who);
      out[3 * who] = (bits & 4) != 0 ? 'r' : '-';
      out[3 * who + 1] = (bits & 2) != 0 ? 'w' : '-';
      boolean execute = (bits & 1) != 0;
      boolean special = (mode & (04000 >> who)) != 0;
      char mark = who == 2 ? 't' : 's';
      out[3 * who + 2] =
          special ? (execute ? mark : Character.toUpperCase(mark)) : (execute ? 'x' : '-');
    }
    return new String(out);
  }

  /** RFC 3339, UTC, nine fraction digits. */
  static String time(Instant t) {
    return NANOS.format(t);
  }
}
