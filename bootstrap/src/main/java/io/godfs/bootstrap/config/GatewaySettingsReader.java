package io.godfs.bootstrap.config;

import static io.godfs.bootstrap.config.SettingParsers.ranged;

import io.godfs.adapters.rest.ConnectionLimits;
import io.godfs.adapters.rest.GatewaySettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's part of {@link ConfigLoader}: its settings ({@code GODFS_GATEWAY_*}, or the
 * original goDFS's {@code GODFS_REST_*} names) read like every other role's, into a {@link
 * GatewayConfig}. Kept apart only because there are many of them.
 */
final class GatewaySettingsReader {
  private final ConfigLoader loader;
  private final Map<Setting, String> flags;

  GatewaySettingsReader(ConfigLoader loader, Map<Setting, String> flags) {
    this.loader = loader;
    this.flags = flags;
  }

  GatewayConfig read() {
    ListenAddress listen = value(Setting.GATEWAY_LISTEN, ":8080").parse(ListenAddress::parse);
    String master =
        value(Setting.MASTER, ConfigLoader.DEFAULT_MASTER).parse(SettingParsers::address);
    long maxUpload =
        value(Setting.GATEWAY_MAX_UPLOAD, String.valueOf(GatewaySettings.DEFAULT_MAX_UPLOAD_BYTES))
            .parse(SettingParsers::positiveSize);
    long maxJson = value(Setting.GATEWAY_MAX_JSON, "1MiB").parse(SettingParsers::positiveSize);
    int maxHeaders =
        value(Setting.GATEWAY_MAX_HEADER, "16KiB")
            .parse(s -> (int) ranged(Sizes.parse(s), 1024, 1 << 20));
    Map<String, String> keys = value(Setting.GATEWAY_API_KEYS, "").parse(Secrets::apiKeys);
    Set<String> origins = value(Setting.GATEWAY_CORS_ORIGINS, "").parse(SettingParsers::list);
    double rps =
        value(Setting.GATEWAY_RATE_LIMIT_RPS, "0")
            .parse(s -> ranged(Double.parseDouble(s.strip()), 0, 1e9));
    int burst =
        value(Setting.GATEWAY_RATE_LIMIT_BURST, "10").parse(GatewaySettingsReader::atLeastOne);
    double sourceRps =
        value(Setting.GATEWAY_SOURCE_RATE_LIMIT_RPS, String.valueOf(rps))
            .parse(s -> ranged(Double.parseDouble(s.strip()), 0, 1e9));
    int sourceBurst =
        value(Setting.GATEWAY_SOURCE_RATE_LIMIT_BURST, String.valueOf(burst))
            .parse(GatewaySettingsReader::atLeastOne);
    Map<String, String> presign =
        value(Setting.GATEWAY_PRESIGN_KEYS, "").parse(Secrets::presignKeys);
    int maxParts =
        value(Setting.GATEWAY_MULTIPART_MAX_PARTS, "10000")
            .parse(s -> (int) ranged(Integer.parseInt(s.strip()), 1, 99_999));
    Duration expiry = value(Setting.GATEWAY_UPLOAD_EXPIRY, "24h").parse(SettingParsers::positive);
    Duration headerTimeout =
        value(Setting.GATEWAY_HEADER_TIMEOUT, "10s").parse(SettingParsers::positive);
    Duration bodyTimeout =
        value(Setting.GATEWAY_BODY_TIMEOUT, "30s").parse(SettingParsers::positive);
    Duration idleTimeout =
        value(Setting.GATEWAY_IDLE_TIMEOUT, "30s").parse(SettingParsers::positive);
    int maxConnections =
        value(
                Setting.GATEWAY_MAX_CONNECTIONS,
                String.valueOf(ConnectionLimits.DEFAULT_MAX_CONNECTIONS))
            .parse(s -> (int) ranged(Integer.parseInt(s.strip()), 1, 1_000_000));
    int maxRequests =
        value(
                Setting.GATEWAY_MAX_CONCURRENT_REQUESTS,
                String.valueOf(ConnectionLimits.DEFAULT_MAX_CONCURRENT_REQUESTS))
            .parse(s -> (int) ranged(Integer.parseInt(s.strip()), 1, 100_000));
    String publicUrl =
        value(Setting.GATEWAY_PUBLIC_URL, "")
            .parse(s -> s.isBlank() ? null : GatewaySettings.checkedPublicUrl(s));
    Map<String, byte[]> secrets = new LinkedHashMap<>();
    presign.forEach((kid, secret) -> secrets.put(kid, secret.getBytes(StandardCharsets.UTF_8)));
    GatewaySettings settings =
        new GatewaySettings(
            listen.host(),
            listen.port(),
            maxUpload,
            maxJson,
            maxHeaders,
            keys,
            origins,
            rps,
            burst,
            sourceRps,
            sourceBurst,
            presign.isEmpty() ? null : presign.keySet().iterator().next(),
            secrets,
            maxParts,
            expiry,
            new ConnectionLimits(
                headerTimeout, bodyTimeout, idleTimeout, maxConnections, maxRequests),
            publicUrl);
    return new GatewayConfig(
        master,
        settings,
        loader.tls(Role.GATEWAY, flags),
        new GatewayHttpsReader(loader, flags).read(),
        loader.clientApiKey(Role.GATEWAY, flags));
  }

  private ConfigLoader.Raw value(Setting setting, String defaultValue) {
    return loader.raw(Role.GATEWAY, flags, setting, defaultValue);
  }

  private static int atLeastOne(String s) {
    return (int) ranged(Integer.parseInt(s.strip()), 1, 1e9);
  }
}
