package io.godfs.bootstrap.config;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TlsFileCheck;
import io.godfs.bootstrap.config.ConfigLoader.Raw;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@link ConfigLoader}'s part for TLS on gRPC: the seed's {@code GODFS_TLS_*} variables, with
 * the seed's meaning, into a {@link GrpcTls}. Every file is read here, before anything starts, so a
 * wrong one stops the start with one line naming its setting. Masters and chunkservers present the
 * certificate of {@code GODFS_TLS_CERT_FILE} as servers; a process that connects to others
 * (chunkserver, client, gateway, mount) needs the CA file to check them and presents the client
 * certificate (or, on a chunkserver without one, its own server certificate) when asked.
 */
final class TlsSettingsReader {
  /** The seed's floor: checking more often would only cost file reads. */
  static final Duration MIN_RELOAD_INTERVAL = Duration.ofMillis(500);

  private final ConfigLoader loader;
  private final Role role;
  private final Map<Setting, String> flags;

  TlsSettingsReader(ConfigLoader loader, Role role, Map<Setting, String> flags) {
    this.loader = loader;
    this.role = role;
    this.flags = flags;
  }

  Optional<GrpcTls> read() {
    Raw enabled = loader.raw(role, flags, Setting.TLS_ENABLED, "false");
    if (!enabled.parse(SettingParsers::bool)) {
      return Optional.empty();
    }
    boolean serves = role == Role.MASTER || role == Role.CHUNKSERVER;
    boolean connects = role != Role.MASTER;
    Optional<GrpcTls.KeyPairFiles> server =
        serves
            ? Optional.of(keyPair(Setting.TLS_CERT_FILE, Setting.TLS_KEY_FILE, true))
            : Optional.empty();
    Optional<GrpcTls.KeyPairFiles> client =
        connects
            ? optionalKeyPair(Setting.TLS_CLIENT_CERT_FILE, Setting.TLS_CLIENT_KEY_FILE)
                .or(() -> server)
            : Optional.empty();
    List<Path> trusted = new ArrayList<>();
    Optional<Path> ca = file(Setting.TLS_CA_FILE, connects, TlsFileCheck::certificates);
    ca.ifPresent(trusted::add);
    file(Setting.TLS_EXTRA_CA_FILE, false, TlsFileCheck::certificates).ifPresent(trusted::add);
    boolean reload =
        loader.raw(role, flags, Setting.TLS_RELOAD, "true").parse(SettingParsers::bool);
    Raw intervalRaw = loader.raw(role, flags, Setting.TLS_RELOAD_INTERVAL, "5s");
    Duration interval = intervalRaw.parse(Durations::parse);
    if (interval.compareTo(MIN_RELOAD_INTERVAL) < 0) {
      throw intervalRaw.invalid(Setting.TLS_RELOAD_INTERVAL.expected());
    }
    if (ca.isEmpty() && !trusted.isEmpty()) {
      throw new ConfigException(
          Setting.TLS_EXTRA_CA_FILE.label(null)
              + " adds to the trusted CAs of "
              + Setting.TLS_CA_FILE.label(null)
              + ", which is not set");
    }
    return Optional.of(
        new GrpcTls(server, client, trusted, reload ? Optional.of(interval) : Optional.empty()));
  }

  private GrpcTls.KeyPairFiles keyPair(Setting certificate, Setting key, boolean required) {
    Path chain = file(certificate, required, TlsFileCheck::certificates).orElseThrow();
    Path privateKey = file(key, required, TlsFileCheck::privateKey).orElseThrow();
    Raw keyRaw = loader.raw(role, flags, key, null);
    TlsFileCheck.keyOf(chain, privateKey)
        .ifPresent(
            problem -> {
              throw new ConfigException(
                  keyRaw.given().label() + " : " + privateKey + " (expected: " + problem + ")");
            });
    return new GrpcTls.KeyPairFiles(chain, privateKey);
  }

  /** Both or neither. */
  private Optional<GrpcTls.KeyPairFiles> optionalKeyPair(Setting certificate, Setting key) {
    boolean hasCertificate = loader.raw(role, flags, certificate, null).value() != null;
    boolean hasKey = loader.raw(role, flags, key, null).value() != null;
    if (!hasCertificate && !hasKey) {
      return Optional.empty();
    }
    return Optional.of(keyPair(certificate, key, true));
  }

  private Optional<Path> file(
      Setting setting, boolean required, Function<Path, Optional<String>> check) {
    Raw raw = loader.raw(role, flags, setting, null);
    if (raw.value() == null) {
      if (required) {
        throw new ConfigException(
            setting.label(null)
                + " is required with "
                + Setting.TLS_ENABLED.label(null)
                + " on (expected: "
                + setting.expected()
                + ")");
      }
      return Optional.empty();
    }
    Path path = raw.parse(SettingParsers::path);
    check
        .apply(path)
        .ifPresent(
            problem -> {
              throw new ConfigException(
                  raw.given().label()
                      + " : "
                      + path
                      + " "
                      + problem
                      + " (expected: "
                      + setting.expected()
                      + ")");
            });
    return Optional.of(path);
  }
}
