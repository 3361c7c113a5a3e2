package io.godfs.bootstrap.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations in Go's notation, which the original's environment variables use: {@code 500ms}, {@code
 * 10s}, {@code 2m}, {@code 1h}, combined as {@code 1m30s}; a bare {@code 0} is zero. Days ({@code
 * 7d}, 24 hours each) are accepted beside them, for the long settings (a trash's grace period). A
 * number without a unit is refused, since nobody can tell whether it meant seconds or milliseconds.
 */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile("(\\d+(ms|s|m|h|d))+");
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  private Durations() {}

  /** The duration, or {@link IllegalArgumentException} when {@code raw} is not one. */
  public static Duration parse(String raw) {
    String text = raw.strip();
    if (text.equals("0")) {
      return Duration.ZERO;
    }
    if (!WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException("not a duration: " + raw);
    }
    Duration total = Duration.ZERO;
    Matcher m = PART.matcher(text);
    try {
      while (m.find()) {
        long n = Long.parseLong(m.group(1));
        total =
            total.plus(
                switch (m.group(2)) {
                  case "ms" -> Duration.ofMillis(n);
                  case "s" -> Duration.ofSeconds(n);
                  case "m" -> Duration.ofMinutes(n);
                  case "h" -> Duration.ofHours(n);
                  default -> Duration.ofDays(n);
                });
      }
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("duration too large: " + raw, e);
    }
    return total;
  }

  /** The longest a trash keeps a deleted path (ADR 0024). */
  static final Duration MAX_GRACE = Duration.ofDays(365);

  /** A grace period: from 0 (none) to {@link #MAX_GRACE}. */
  static Duration grace(String raw) {
    Duration d = parse(raw);
    if (d.compareTo(MAX_GRACE) > 0) {
      throw new IllegalArgumentException("longer than 365d: " + raw);
    }
    return d;
  }

  /** The same notation back: {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1m30s}. */
  public static String format(Duration d) {
    if (d.isZero()) {
      return "0";
    }
    StringBuilder out = new StringBuilder();
    append(out, d.toHours(), "h");
    append(out, d.toMinutesPart(), "m");
    append(out, d.toSecondsPart(), "s");
    append(out, d.toMillisPart(), "ms");
    return out.isEmpty() ? d.toString() : out.toString();
  }

  private static void append(StringBuilder out, long value, String unit) {
    if (value != 0) {
      out.append(value).append(unit);
    }
  }
}
