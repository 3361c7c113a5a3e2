package io.godfs.bootstrap.config;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * The settings of a node's HTTP listener (health and {@code /metrics}, ADR 0023), parsed from the
 * values {@link ConfigLoader} resolved.
 */
final class NodeListenerSettings {
  private NodeListenerSettings() {}

  /**
   * {@code GODFS_HEALTH_LISTEN}, or {@code GODFS_METRICS_LISTEN} (the seed's name for the same
   * listener): one port serves both, so set together they must agree.
   */
  static Optional<ListenAddress> listen(ConfigLoader.Raw health, ConfigLoader.Raw metrics) {
    Optional<ListenAddress> byHealth = address(health);
    Optional<ListenAddress> byMetrics = address(metrics);
    if (byHealth.isPresent() && byMetrics.isPresent() && !byHealth.equals(byMetrics)) {
      throw new ConfigException(
          health.given().label()
              + " : "
              + health.value()
              + " and "
              + metrics.given().label()
              + " : "
              + metrics.value()
              + " name two addresses (expected: one; the health checks and /metrics share a"
              + " listener)");
    }
    return byHealth.or(() -> byMetrics);
  }

  /** {@code GODFS_HEALTH_CLIENT_CERT}: {@code required}, or {@code optional}. */
  static boolean certificateRequired(ConfigLoader.Raw r) {
    return r.parse(
        v ->
            switch (v.strip().toLowerCase(Locale.ROOT)) {
              case "optional" -> false;
              case "required" -> true;
              default -> throw new IllegalArgumentException("not optional or required");
            });
  }

  /** A file's path, or empty when the setting is empty. */
  static Optional<Path> path(ConfigLoader.Raw r) {
    return blank(r) ? Optional.empty() : Optional.of(r.parse(SettingParsers::path));
  }

  private static Optional<ListenAddress> address(ConfigLoader.Raw r) {
    return blank(r) ? Optional.empty() : Optional.of(r.parse(ListenAddress::parse));
  }

  private static boolean blank(ConfigLoader.Raw r) {
    return r.value() == null || r.value().isBlank();
  }
}
