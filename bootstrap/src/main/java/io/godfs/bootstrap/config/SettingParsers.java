package io.godfs.bootstrap.config;

import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.NodeAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns one setting's text into its value, or throws {@link IllegalArgumentException}; the caller
 * turns that into a {@link ConfigException} naming the setting and what is allowed.
 */
final class SettingParsers {
  private SettingParsers() {}

  static int integer(String raw, int min, int max) {
    int value = Integer.parseInt(raw.strip());
    if (value < min || value > max) {
      throw new IllegalArgumentException(value + " out of range");
    }
    return value;
  }

  static long ranged(long v, long min, long max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(v + " out of range");
    }
    return v;
  }

  static double ranged(double v, double min, double max) {
    if (!(v >= min && v <= max)) {
      throw new IllegalArgumentException(v + " out of range");
    }
    return v;
  }

  static long positiveSize(String raw) {
    return ranged(Sizes.parse(raw), 1, Long.MAX_VALUE);
  }

  static long chunkSize(String raw) {
    long bytes = Sizes.parse(raw);
    String problem = ChunkLayout.chunkSizeProblem(bytes);
    if (problem != null) {
      throw new IllegalArgumentException(problem);
    }
    return bytes;
  }

  static Duration electionTimeout(String raw) {
    Duration d = Durations.parse(raw);
    if (d.compareTo(Duration.ofMillis(100)) < 0 || d.compareTo(Duration.ofSeconds(60)) > 0) {
      throw new IllegalArgumentException("out of range " + raw);
    }
    return d;
  }

  static Duration positive(String raw) {
    Duration d = Durations.parse(raw);
    if (!d.isPositive()) {
      throw new IllegalArgumentException("not positive: " + raw);
    }
    return d;
  }

  static Path path(String raw) {
    if (raw.isBlank()) {
      throw new IllegalArgumentException("blank path");
    }
    return Path.of(raw);
  }

  static String address(String raw) {
    return MasterAddresses.parse(raw);
  }

  static String advertised(String raw) {
    NodeAddress address = NodeAddress.parse(raw.strip());
    if (address.host().equals("0.0.0.0") || address.host().equals("::")) {
      throw new IllegalArgumentException("wildcard address " + raw + " cannot be reached");
    }
    return address.toString();
  }

  static boolean bool(String raw) {
    return switch (raw.strip().toLowerCase(Locale.ROOT)) {
      case "1", "true", "yes" -> true;
      case "0", "false", "no", "" -> false;
      default -> throw new IllegalArgumentException("not a boolean: " + raw);
    };
  }

  static List<String> peers(String raw) {
    List<String> out = new ArrayList<>();
    for (String item : raw.split(",")) {
      String spec = item.strip();
      if (spec.isEmpty()) {
        continue;
      }
      String[] parts = spec.split("@", -1);
      if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty()) {
        throw new IllegalArgumentException("bad peer " + spec);
      }
      NodeAddress.parse(parts[1]);
      if (parts.length == 3) {
        NodeAddress.parse(parts[2]);
      }
      out.add(spec);
    }
    return out;
  }

  static DfsPath dfsPath(String raw) {
    return switch (DfsPath.parse(raw)) {
      case Outcome.Ok<DfsPath> ok -> ok.value();
      case Outcome.Rejected<DfsPath> r ->
          throw new IllegalArgumentException("not a goDFS path: " + raw);
    };
  }

  static Set<String> list(String raw) {
    Set<String> out = new LinkedHashSet<>();
    Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
    return out;
  }
}
