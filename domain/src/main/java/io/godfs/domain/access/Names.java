package io.godfs.domain.access;

import java.util.Objects;

/** The one rule for user, group and master names: they go into every audit line and refusal. */
final class Names {
  /** The longest name accepted. */
  static final int MAX_CHARS = 256;

  private Names() {}

  static String check(String what, String name) {
    Objects.requireNonNull(name, what + " name");
    if (name.isEmpty() || name.length() > MAX_CHARS) {
      throw new IllegalArgumentException(
          what + " name has " + name.length() + " characters (expected: 1 to " + MAX_CHARS + ")");
    }
    if (!name.chars().allMatch(c -> c > ' ' && c != 127)) {
      throw new IllegalArgumentException(
          what + " name contains spaces or control characters (expected: printable, no spaces)");
    }
    return name;
  }
}
