package io.godfs.bootstrap.cli;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The times {@code godfs fs touch} reads, to the nanosecond: {@code -d TIME} as ISO-8601 / RFC 3339
 * and {@code -t STAMP} as touch(1)'s {@code [[CC]YY]MMDDhhmm[.ss]}; a time without an offset is in
 * {@code zone} (this machine's), as touch(1) reads it.
 */
final class TouchTimes {
  static final String DATE_FORMS =
      "an ISO-8601 time like 2026-01-02T03:04:05.123456789Z or 2026-01-02T03:04:05+01:00,"
          + " a local 2026-01-02T03:04:05 or 2026-01-02, @SECONDS since 1970 (may be negative,"
          + " with a fraction), or now";
  private static final Pattern STAMP =
      Pattern.compile(
          "((?:[0-9]{2}){0,2})([0-9]{2})([0-9]{2})([0-9]{2})([0-9]{2})(?:\\.([0-9]{2}))?");

  private TouchTimes() {}

  /**
   * {@code -d TIME}; null for {@code now}.
   *
   * @throws IllegalArgumentException saying which forms it takes
   */
  static Instant date(String text, ZoneId zone) {
    String t = text.strip();
    if (t.equalsIgnoreCase("now")) {
      return null;
    }
    try {
      if (t.startsWith("@")) {
        BigDecimal seconds = new BigDecimal(t.substring(1));
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos =
            seconds
                .subtract(whole)
                .movePointRight(9)
                .setScale(0, RoundingMode.DOWN)
                .longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
      }
      // RFC 3339 allows a space between date and time and a lower-case t and z.
      String iso = t.toUpperCase(Locale.ROOT).replaceFirst("^([0-9-]+) ", "$1T");
      if (iso.length() == 10) {
        return LocalDate.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE)
            .atStartOfDay(zone)
            .toInstant();
      }
      if (iso.endsWith("Z") || iso.matches(".*T.*[+-][0-9]{2}(:?[0-9]{2})?$")) {
        return OffsetDateTime.parse(iso, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      }
      return LocalDateTime.parse(iso, DateTimeFormatter.ISO_LOCAL_DATE_TIME)
          .atZone(zone)
          .toInstant();
    } catch (DateTimeException | ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("expected: " + DATE_FORMS);
    }
  }

  /**
   * {@code -t [[CC]YY]MMDDhhmm[.ss]}: without CC, 69-99 are 19YY and 00-68 20YY; without YY, this
   * year.
   *
   * @throws IllegalArgumentException saying which form it takes
   */
  static Instant stamp(String text, ZoneId zone) {
    Matcher m = STAMP.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("expected: [[CC]YY]MMDDhhmm[.ss], like 202601020304.05");
    }
    String year = m.group(1);
    int y =
        switch (year.length()) {
          case 4 -> Integer.parseInt(year);
          case 2 -> {
            int yy = Integer.parseInt(year);
            yield yy >= 69 ? 1900 + yy : 2000 + yy;
          }
          default -> Year.now(zone).getValue();
        };
    int seconds = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
    try {
      return LocalDateTime.of(
              y,
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              Math.min(seconds, 59)) // a leap second, as touch(1) takes 60
          .atZone(zone)
          .toInstant();
    } catch (DateTimeException e) {
      throw new IllegalArgumentException(
          "no such date or time (expected: [[CC]YY]MMDDhhmm[.ss], like 202601020304.05)");
    }
  }
}
