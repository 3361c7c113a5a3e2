package io.godfs.bootstrap.config;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TlsFileCheck;
import io.godfs.bootstrap.config.ConfigLoader.Raw;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The gateway's HTTPS settings, with the seed's meaning: {@code GODFS_REST_HTTPS_ENABLED} turns it
 * on; the certificate and key are {@code GODFS_REST_TLS_CERT_FILE} and {@code _KEY_FILE}, else the
 * node's {@code GODFS_TLS_CERT_FILE} and {@code _KEY_FILE}; {@code GODFS_REST_TLS_CA_FILE} makes
 * HTTPS clients present a certificate; {@code GODFS_TLS_RELOAD} and {@code _INTERVAL} say how
 * rotated files are picked up. Every file is read here, so a wrong one stops the start naming it.
 */
final class GatewayHttpsReader {
  private final ConfigLoader loader;
  private final Map<Setting, String> flags;

  GatewayHttpsReader(ConfigLoader loader, Map<Setting, String> flags) {
    this.loader = loader;
    this.flags = flags;
  }

  Optional<GatewayHttps> read() {
    boolean enabled = raw(Setting.GATEWAY_HTTPS_ENABLED, "false").parse(SettingParsers::bool);
    if (!enabled) {
      return Optional.empty();
    }
    Path chain =
        file(Setting.GATEWAY_HTTPS_CERT_FILE, Setting.TLS_CERT_FILE, TlsFileCheck::certificates)
            .orElseThrow(() -> required(Setting.GATEWAY_HTTPS_CERT_FILE, Setting.TLS_CERT_FILE));
    Path key =
        file(Setting.GATEWAY_HTTPS_KEY_FILE, Setting.TLS_KEY_FILE, TlsFileCheck::privateKey)
            .orElseThrow(() -> required(Setting.GATEWAY_HTTPS_KEY_FILE, Setting.TLS_KEY_FILE));
    TlsFileCheck.keyOf(chain, key)
        .ifPresent(
            problem -> {
              throw new ConfigException(
                  Setting.GATEWAY_HTTPS_KEY_FILE.label(null)
                      + " : "
                      + key
                      + " (expected: "
                      + problem
                      + ")");
            });
    Optional<Path> clientCa =
        file(Setting.GATEWAY_HTTPS_CLIENT_CA_FILE, null, TlsFileCheck::certificates);
    boolean reload = raw(Setting.TLS_RELOAD, "true").parse(SettingParsers::bool);
    Raw intervalRaw = raw(Setting.TLS_RELOAD_INTERVAL, "5s");
    Duration interval = intervalRaw.parse(Durations::parse);
    if (interval.compareTo(TlsSettingsReader.MIN_RELOAD_INTERVAL) < 0) {
      throw intervalRaw.invalid(Setting.TLS_RELOAD_INTERVAL.expected());
    }
    return Optional.of(
        new GatewayHttps(
            new GrpcTls.KeyPairFiles(chain, key),
            clientCa,
            reload ? Optional.of(interval) : Optional.empty()));
  }

  private ConfigException required(Setting setting, Setting fallback) {
    return new ConfigException(
        setting.label(null)
            + " (or "
            + fallback.label(null)
            + ") is required with "
            + Setting.GATEWAY_HTTPS_ENABLED.label(null)
            + " on (expected: "
            + setting.expected()
            + ")");
  }

  /** The file of {@code setting}, else of {@code fallback} (may be null), checked. */
  private Optional<Path> file(
      Setting setting, Setting fallback, Function<Path, Optional<String>> check) {
    Raw raw = raw(setting, null);
    if (raw.value() == null && fallback != null) {
      raw = raw(fallback, null);
    }
    if (raw.value() == null) {
      return Optional.empty();
    }
    Raw given = raw;
    Path path = given.parse(SettingParsers::path);
    check
        .apply(path)
        .ifPresent(
            problem -> {
              throw new ConfigException(
                  given.given().label()
                      + " : "
                      + path
                      + " "
                      + problem
                      + " (expected: "
                      + given.given().setting().expected()
                      + ")");
            });
    return Optional.of(path);
  }

  private Raw raw(Setting setting, String defaultValue) {
    return loader.raw(Role.GATEWAY, flags, setting, defaultValue);
  }
}
