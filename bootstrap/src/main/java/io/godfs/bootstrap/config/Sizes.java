package io.godfs.bootstrap.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Byte sizes as people write them: {@code 67108864}, {@code 64MiB}, {@code 64M}, {@code 1GiB}.
 * Units are binary (K/KiB = 1024) and case-insensitive; {@code B} is allowed. Decimal units (MB)
 * are refused because half the world reads them as binary.
 */
public final class Sizes {
  private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*([a-zA-Z]*)");
  private static final long KIB = 1024;

  private Sizes() {}

  /** The number of bytes, or {@link IllegalArgumentException} when {@code raw} is not a size. */
  public static long parse(String raw) {
    Matcher m = SIZE.matcher(raw.strip());
    if (!m.matches()) {
      throw new IllegalArgumentException("not a size: " + raw);
    }
    long multiplier =
        switch (m.group(2).toLowerCase(Locale.ROOT)) {
          case "", "b" -> 1;
          case "k", "kib" -> KIB;
          case "m", "mib" -> KIB * KIB;
          case "g", "gib" -> KIB * KIB * KIB;
          case "t", "tib" -> KIB * KIB * KIB * KIB;
          default -> throw new IllegalArgumentException("unknown size unit: " + m.group(2));
        };
    try {
      return Math.multiplyExact(Long.parseLong(m.group(1)), multiplier);
    } catch (ArithmeticException | NumberFormatException e) {
      throw new IllegalArgumentException("size too large: " + raw, e);
    }
  }

  /** The shortest exact form: {@code 64 MiB}, {@code 1 GiB}, or plain bytes like {@code 1000 B}. */
  public static String format(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    int unit = 0;
    long value = bytes;
    while (unit < units.length - 1 && value != 0 && value % KIB == 0) {
      value /= KIB;
      unit++;
    }
    return value + " " + units[unit];
  }
}
