package io.godfs.bootstrap.gateway;

import io.godfs.adapters.rest.ConnectionLimits;
import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.bootstrap.config.ConfigException;
import io.godfs.bootstrap.config.Durations;
import io.godfs.bootstrap.config.ListenAddress;
import io.godfs.bootstrap.config.Sizes;
import io.godfs.domain.node.NodeAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads the gateway's settings from flags and the environment (flag over {@code GODFS_GATEWAY_*}
 * over the original goDFS's {@code GODFS_REST_*} name over the default; docs/adr/0007). A bad value
 * is a {@link ConfigException} naming the variable, the value and what is allowed.
 */
public final class GatewayConfigLoader {
  private final Map<String, String> env;

  public GatewayConfigLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** {@code listenFlag}/{@code masterFlag}: command-line values, null when not given. */
  public GatewayConfig load(String listenFlag, String masterFlag) {
    ListenAddress listen = value(listenFlag, "--listen", ":8080", "[host]:port like :8080 or 127.0.0.1:8080",
        ListenAddress::parse, "GODFS_GATEWAY_LISTEN", "GODFS_REST_LISTEN");
    String master = value(masterFlag, "--master", "127.0.0.1:9090",
        "host:port of the master, or of every master comma-separated, like 127.0.0.1:9090",
        io.godfs.bootstrap.config.MasterAddresses::parse, "GODFS_MASTER");
    long maxUpload = value(null, null, String.valueOf(GatewaySettings.DEFAULT_MAX_UPLOAD_BYTES),
        "a size >= 1 like 5GiB", GatewayConfigLoader::positiveSize,
        "GODFS_GATEWAY_MAX_UPLOAD_BYTES", "GODFS_REST_MAX_UPLOAD_BYTES");
    long maxJson = value(null, null, "1MiB", "a size >= 1 like 1MiB", GatewayConfigLoader::positiveSize,
        "GODFS_GATEWAY_MAX_JSON_BODY_BYTES", "GODFS_REST_MAX_JSON_BODY_BYTES");
    int maxHeaders = value(null, null, "16KiB", "a size 1KiB-1MiB like 16KiB",
        s -> (int) ranged(Sizes.parse(s), 1024, 1 << 20), "GODFS_GATEWAY_MAX_HEADER_BYTES");
    Map<String, String> keys = value(null, null, "", "name:key pairs like alice:<key>,bob:<key>, or @/path/to/file;"
        + " keys of at least " + GatewaySettings.MIN_SECRET_LENGTH + " characters",
        s -> apiKeys(pairs(s)), "GODFS_GATEWAY_API_KEYS", "GODFS_API_KEYS");
    Set<String> origins = value(null, null, "", "origins like https://app.example.com,https://b.example or *",
        GatewayConfigLoader::list, "GODFS_GATEWAY_CORS_ALLOW_ORIGINS", "GODFS_REST_CORS_ALLOW_ORIGINS");
    double rps = value(null, null, "0", "requests per second >= 0 (0 = off), like 100",
        s -> ranged(Double.parseDouble(s.strip()), 0, 1e9), "GODFS_GATEWAY_RATE_LIMIT_RPS", "GODFS_REST_RATE_LIMIT_RPS");
    int burst = value(null, null, "10", "an integer >= 1", s -> (int) ranged(Integer.parseInt(s.strip()), 1, 1e9),
        "GODFS_GATEWAY_RATE_LIMIT_BURST", "GODFS_REST_RATE_LIMIT_BURST");
    double sourceRps = value(null, null, String.valueOf(rps), "requests per second >= 0 (0 = off), like 100",
        s -> ranged(Double.parseDouble(s.strip()), 0, 1e9), "GODFS_GATEWAY_SOURCE_RATE_LIMIT_RPS");
    int sourceBurst = value(null, null, String.valueOf(burst), "an integer >= 1",
        s -> (int) ranged(Integer.parseInt(s.strip()), 1, 1e9), "GODFS_GATEWAY_SOURCE_RATE_LIMIT_BURST");
    Map<String, String> presign = value(null, null, "", "keyid:secret pairs (secrets of at least "
        + GatewaySettings.MIN_SECRET_LENGTH + " characters; the first signs)",
        GatewayConfigLoader::presignPairs, "GODFS_GATEWAY_PRESIGN_KEYS");
    int maxParts = value(null, null, "10000", "an integer 1-99999",
        s -> (int) ranged(Integer.parseInt(s.strip()), 1, 99_999),
        "GODFS_GATEWAY_MULTIPART_MAX_PARTS", "GODFS_REST_MULTIPART_MAX_PARTS");
    Duration expiry = value(null, null, "24h", "a duration > 0 like 24h or 30m", GatewayConfigLoader::positiveDuration,
        "GODFS_GATEWAY_UPLOAD_EXPIRY");
    Duration headerTimeout = value(null, null, "10s", "a duration > 0 like 10s", GatewayConfigLoader::positiveDuration,
        "GODFS_GATEWAY_HEADER_TIMEOUT");
    Duration bodyTimeout = value(null, null, "30s", "a duration > 0 like 30s", GatewayConfigLoader::positiveDuration,
        "GODFS_GATEWAY_BODY_TIMEOUT");
    Duration idleTimeout = value(null, null, "30s", "a duration > 0 like 30s", GatewayConfigLoader::positiveDuration,
        "GODFS_GATEWAY_IDLE_TIMEOUT");
    int maxConnections = value(null, null, String.valueOf(ConnectionLimits.DEFAULT_MAX_CONNECTIONS),
        "an integer 1-1000000", s -> (int) ranged(Integer.parseInt(s.strip()), 1, 1_000_000),
        "GODFS_GATEWAY_MAX_CONNECTIONS");
    int maxRequests = value(null, null, String.valueOf(ConnectionLimits.DEFAULT_MAX_CONCURRENT_REQUESTS),
        "an integer 1-100000", s -> (int) ranged(Integer.parseInt(s.strip()), 1, 100_000),
        "GODFS_GATEWAY_MAX_CONCURRENT_REQUESTS");
    String publicUrl = value(null, null, "", "http(s)://host[:port][/prefix], where clients reach this gateway",
        s -> s.isBlank() ? null : GatewaySettings.checkedPublicUrl(s), "GODFS_GATEWAY_PUBLIC_URL");
    Map<String, byte[]> secrets = new LinkedHashMap<>();
    presign.forEach((kid, secret) -> secrets.put(kid, secret.getBytes(StandardCharsets.UTF_8)));
    GatewaySettings settings = new GatewaySettings(listen.host(), listen.port(), maxUpload, maxJson, maxHeaders, keys,
        origins, rps, burst, sourceRps, sourceBurst, presign.isEmpty() ? null : presign.keySet().iterator().next(),
        secrets, maxParts, expiry,
        new ConnectionLimits(headerTimeout, bodyTimeout, idleTimeout, maxConnections, maxRequests), publicUrl);
    return new GatewayConfig(master, settings);
  }

  private <T> T value(String flag, String flagName, String fallback, String expected, Function<String, T> parser,
      String... envNames) {
    String raw = flag;
    String source = flagName;
    for (int i = 0; raw == null && i < envNames.length; i++) {
      String v = env.get(envNames[i]);
      if (v != null && !v.isBlank()) {
        raw = v;
        source = envNames[i];
      }
    }
    if (raw == null) {
      raw = fallback;
      source = envNames.length > 0 ? envNames[0] : flagName;
    }
    String label = source + (flagName != null && !source.equals(flagName) ? " (" + flagName + ")" : "");
    try {
      return parser.apply(raw);
    } catch (IllegalArgumentException | ArithmeticException e) {
      // Secrets are never printed: a key file's name is, its content is not.
      String shown = raw.startsWith("@") || label.contains("KEYS") ? "(hidden)" : raw;
      String detail = e instanceof Problem ? "; " + e.getMessage() : "";
      throw new ConfigException(label + " : " + shown + " (expected: " + expected + ")" + detail, e);
    }
  }

  private static long positiveSize(String s) {
    return ranged(Sizes.parse(s), 1, Long.MAX_VALUE);
  }

  private static Duration positiveDuration(String s) {
    Duration d = Durations.parse(s);
    if (!d.isPositive()) {
      throw new IllegalArgumentException("not positive");
    }
    return d;
  }

  private static long ranged(long v, long min, long max) {
    if (v < min || v > max) {
      throw new IllegalArgumentException(v + " out of range");
    }
    return v;
  }

  private static double ranged(double v, double min, double max) {
    if (!(v >= min && v <= max)) {
      throw new IllegalArgumentException(v + " out of range");
    }
    return v;
  }

  private static Set<String> list(String raw) {
    Set<String> out = new LinkedHashSet<>();
    Arrays.stream(raw.split(",")).map(String::strip).filter(s -> !s.isEmpty()).forEach(out::add);
    return out;
  }

  /** {@code a:x,b:y} (or {@code @file} holding that, commas or new lines) into an ordered map a->x. */
  static Map<String, String> pairs(String raw) {
    String text = raw.strip();
    if (text.startsWith("@")) {
      try {
        text = Files.readString(Path.of(text.substring(1)));
      } catch (IOException e) {
        throw new Problem("cannot read " + text.substring(1) + ": " + e.getMessage());
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String item : text.split("[,\\n]")) {
      String p = item.strip();
      if (p.isEmpty() || p.startsWith("#")) {
        continue;
      }
      int colon = p.indexOf(':');
      if (colon <= 0 || colon == p.length() - 1) {
        throw new Problem("an entry is not name:secret");
      }
      if (out.put(p.substring(0, colon).strip(), p.substring(colon + 1).strip()) != null) {
        throw new Problem("a name appears twice");
      }
    }
    return out;
  }

  /** Principal to key into key to principal, refusing short keys (naming whose, never the key). */
  private static Map<String, String> apiKeys(Map<String, String> principalToKey) {
    Map<String, String> keyToPrincipal = new LinkedHashMap<>();
    principalToKey.forEach((principal, key) -> {
      if (keyToPrincipal.put(key, principal) != null) {
        throw new Problem("two principals share a key");
      }
    });
    List<String> weak = tooShort(principalToKey);
    if (!weak.isEmpty()) {
      throw new Problem("the key of " + String.join(", ", weak) + " is shorter than "
          + GatewaySettings.MIN_SECRET_LENGTH + " characters");
    }
    return keyToPrincipal;
  }

  private static Map<String, String> presignPairs(String raw) {
    Map<String, String> keys = pairs(raw);
    List<String> weak = tooShort(keys);
    if (!weak.isEmpty()) {
      throw new Problem("the secret of " + String.join(", ", weak) + " is shorter than "
          + GatewaySettings.MIN_SECRET_LENGTH + " characters");
    }
    return keys;
  }

  private static List<String> tooShort(Map<String, String> nameToSecret) {
    return nameToSecret.entrySet().stream().filter(e -> e.getValue().length() < GatewaySettings.MIN_SECRET_LENGTH)
        .map(Map.Entry::getKey).toList();
  }

  /** A bad value whose message is safe to show (it names no secret). */
  private static final class Problem extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    Problem(String message) {
      super(message);
    }
  }
}
