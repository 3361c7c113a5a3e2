package io.godfs.bootstrap.config;

import java.time.Duration;
import java.util.Map;

/**
 * The {@link ConfigLoader}'s part for how {@code godfs dev} is watched: {@code --metrics-port}
 * ({@code off} by default), {@code --dead-after}, which must exceed the dev heartbeat, and tracing
 * (each node then names its role's service, {@code godfs-master} and so on).
 */
final class DevWatchReader {
  private DevWatchReader() {}

  static DevConfig.Watch read(ConfigLoader loader, Role role, Map<Setting, String> flags) {
    ConfigLoader.Raw deadAfterRaw = loader.raw(role, flags, Setting.DEAD_AFTER, "30s");
    Duration deadAfter = deadAfterRaw.parse(SettingParsers::positive);
    if (deadAfter.compareTo(DevConfig.HEARTBEAT) <= 0) {
      throw deadAfterRaw.invalid("a duration longer than the dev chunkservers' heartbeat, 2s");
    }
    int port =
        loader
            .raw(role, flags, Setting.DEV_METRICS_PORT, "off")
            .parse(
                s ->
                    s.strip().equalsIgnoreCase("off")
                        ? DevConfig.Watch.NO_METRICS
                        : (int) SettingParsers.ranged(Long.parseLong(s.strip()), 0, 65535));
    return new DevConfig.Watch(port, deadAfter, loader.tracing(role, flags, "godfs"));
  }
}
