package io.godfs.bootstrap.cli;

import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.ListenAddress;
import io.godfs.bootstrap.config.Setting;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --health-listen} option of the server commands that have HTTP health checks. */
final class HealthOption {
  @Option(names = "--health-listen", paramLabel = "[HOST]:PORT",
      description = "Env GODFS_HEALTH_LISTEN; HTTP GET /health/live and /health/ready here, like :9100; default none.")
  String healthListen;

  Optional<ListenAddress> resolve(ConfigLoader loader) {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    flags.put(Setting.HEALTH_LISTEN, healthListen);
    return loader.healthListen(flags);
  }
}
