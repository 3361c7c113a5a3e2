package io.godfs.bootstrap.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * POSIX permission bits (ADR 0028) as {@code chmod(1)} reads them and {@code ls -l} and {@code
 * stat(1)} print them. A MODE is octal ({@code 750}, {@code 0750}, {@code 4755}: the 12 bits
 * exactly) or symbolic, comma-separated clauses {@code [ugoa]*([-+=]([rwxXst]*|[ugo]))+} or {@code
 * [-+=]OCTAL}, e.g. {@code u+x,g-w,o=r,a+rX}. A clause without {@code ugoa} works as {@code a}
 * (there is no umask to honour, as HDFS's chmod). {@code X} is execute for directories and for
 * files with an execute bit already; {@code s} is setuid/setgid, {@code t} sticky.
 */
final class FileModes {
  static final int ALL = 07777;
  private static final int SETUID = 04000;
  private static final int SETGID = 02000;
  private static final int STICKY = 01000;
  private static final int READ = 0444;
  private static final int WRITE = 0222;
  private static final int EXECUTE = 0111;

  private FileModes() {}

  /** A parsed MODE: what it makes of a path's current mode. */
  sealed interface Change permits Absolute, Symbolic {
    int apply(int current, boolean directory);

    /** Whether it needs the current mode (a symbolic mode); an octal one sets all 12 bits. */
    boolean needsCurrent();
  }

  /** Octal: the bits exactly. */
  record Absolute(int mode) implements Change {
    @Override
    public int apply(int current, boolean directory) {
      return mode;
    }

    @Override
    public boolean needsCurrent() {
      return false;
    }
  }

  /** One operator of a clause: who it affects, {@code + - =}, and what it sets. */
  record Step(int who, char op, int bits, boolean conditionalX, int copyFrom) {}

  /** Symbolic clauses, applied in order. */
  record Symbolic(String text, List<Step> steps) implements Change {
    @Override
    public int apply(int current, boolean directory) {
      int mode = current & ALL;
      for (Step s : steps) {
        int value = s.bits();
        if (s.copyFrom() != 0) {
          value = copied(mode, s.copyFrom());
        }
        if (s.conditionalX() && (directory || (mode & EXECUTE) != 0)) {
          value |= EXECUTE;
        }
        value &= s.who();
        mode =
            switch (s.op()) {
              case '+' -> mode | value;
              case '-' -> mode & ~value;
              default -> (mode & ~s.who()) | value;
            };
      }
      return mode;
    }

    @Override
    public boolean needsCurrent() {
      return true;
    }
  }

  /**
   * Parses a MODE.
   *
   * @throws IllegalArgumentException naming what is wrong with it
   */
  static Change parse(String text) {
    if (text.matches("[0-7]{1,4}")) {
      return new Absolute(Integer.parseInt(text, 8));
    }
    if (text.matches("[0-7]+")) {
      throw new IllegalArgumentException("octal mode " + text + " is more than 07777");
    }
    List<Step> steps = new ArrayList<>();
    for (String clause : text.split(",", -1)) {
      clause(clause, steps);
    }
    return new Symbolic(text, List.copyOf(steps));
  }

  private static void clause(String clause, List<Step> steps) {
    int i = 0;
    int who = 0;
    while (i < clause.length() && "ugoa".indexOf(clause.charAt(i)) >= 0) {
      who |= whoBits(clause.charAt(i++));
    }
    boolean named = who != 0;
    if (!named) {
      who = ALL;
    }
    if (i == clause.length()) {
      throw new IllegalArgumentException(
          "'" + clause + "' has no operator (expected: + - or = after [ugoa], like u+x)");
    }
    while (i < clause.length()) {
      char op = clause.charAt(i++);
      if ("+-=".indexOf(op) < 0) {
        throw new IllegalArgumentException(
            "'" + clause + "': '" + op + "' is not an operator (expected: + - or =)");
      }
      int start = i;
      while (i < clause.length() && "+-=".indexOf(clause.charAt(i)) < 0) {
        i++;
      }
      steps.add(step(clause, named ? who : 0, op, clause.substring(start, i)));
    }
  }

  /** {@code who}: the bits the clause names, 0 when it names none (then it works as {@code a}). */
  private static Step step(String clause, int named, char op, String perms) {
    int who = named == 0 ? ALL : named;
    if (perms.matches("[0-7]+")) {
      if (named != 0) {
        throw new IllegalArgumentException(
            "'" + clause + "': an octal value takes no [ugoa] (expected: like =755 or u=rwx)");
      }
      int bits = Integer.parseInt(perms, 8);
      if (bits > ALL) {
        throw new IllegalArgumentException("octal mode " + perms + " is more than 07777");
      }
      return new Step(ALL, op, bits, false, 0);
    }
    if (perms.length() == 1 && "ugo".contains(perms)) {
      return new Step(who, op, 0, false, whoBits(perms.charAt(0)) & 0777);
    }
    int bits = 0;
    boolean conditionalX = false;
    for (char c : perms.toCharArray()) {
      switch (c) {
        case 'r' -> bits |= READ;
        case 'w' -> bits |= WRITE;
        case 'x' -> bits |= EXECUTE;
        case 'X' -> conditionalX = true;
        case 's' -> bits |= SETUID | SETGID;
        case 't' -> bits |= STICKY;
        default ->
            throw new IllegalArgumentException(
                "'"
                    + clause
                    + "': '"
                    + c
                    + "' is not a permission (expected: r w x X s t, or one of u g o)");
      }
    }
    return new Step(who, op, bits, conditionalX, 0);
  }

  private static int whoBits(char who) {
    return switch (who) {
      case 'u' -> SETUID | 0700;
      case 'g' -> SETGID | 0070;
      case 'o' -> STICKY | 0007;
      default -> ALL;
    };
  }

  /** {@code g=u}: the rwx of {@code from} (0700, 0070 or 0007) as a value for every class. */
  private static int copied(int mode, int from) {
    int rwx =
        switch (from) {
          case 0700 -> (mode >> 6) & 7;
          case 0070 -> (mode >> 3) & 7;
          default -> mode & 7;
        };
    return rwx * 0111;
  }

  /** Four octal digits, e.g. {@code 0755}, {@code 4755}. */
  static String octal(int mode) {
    return String.format(Locale.ROOT, "%04o", mode & ALL);
  }

  /**
   * The nine characters {@code ls -l} prints after the type: setuid and setgid as {@code s} over an
   * execute bit and {@code S} without, sticky as {@code t} and {@code T}.
   */
  static String permissions(int mode) {
    char[] out = new char[9];
    for (int who = 0; who < 3; who++) {
      int bits = mode >> (6 - 3 * who);
      out[3 * who] = (bits & 4) != 0 ? 'r' : '-';
      out[3 * who + 1] = (bits & 2) != 0 ? 'w' : '-';
      boolean execute = (bits & 1) != 0;
      char mark = who == 2 ? 't' : 's';
      out[3 * who + 2] =
          (mode & (SETUID >> who)) != 0
              ? (execute ? mark : Character.toUpperCase(mark))
              : (execute ? 'x' : '-');
    }
    return new String(out);
  }
}
