package io.godfs.adapters.rest;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the gateway runs; bootstrap builds it from the environment (docs/adr/0007 lists the variables
 * and defaults).
 *
 * @param host listen host ({@code ""} = every interface)
 * @param port listen port (0 = any free port)
 * @param maxUploadBytes cap of a PUT body or a multipart part
 * @param maxJsonBytes cap of a JSON request body
 * @param maxHeaderBytes cap of all request headers together
 * @param apiKeys secret key to principal; empty = auth off
 * @param corsOrigins allowed browser origins ({@code *} = any); empty = CORS off
 * @param rateLimitPerSecond requests per second per caller (its principal once authenticated); 0 =
 *     off
 * @param rateLimitBurst requests a caller may make at once
 * @param sourceRateLimitPerSecond requests per second per source address, counted before
 *     authentication; 0 = off
 * @param sourceRateLimitBurst requests a source address may make at once
 * @param presignKeyId key id that signs new presigned URLs; null = presigning off
 * @param presignSecrets key id to secret; every listed key still verifies (rotation)
 * @param multipartMaxParts highest part number
 * @param uploadExpiry abandoned multipart uploads and PUT temp files are removed after this
 * @param connectionLimits deadlines and caps of connections and requests
 * @param publicUrl where clients reach the gateway ({@code https://files.example.com}), the base of
 *     presigned URLs; null = {@code http://<listen host, 127.0.0.1 for every interface>:<port>}
 */
public record GatewaySettings(
    String host,
    int port,
    long maxUploadBytes,
    long maxJsonBytes,
    int maxHeaderBytes,
    Map<String, String> apiKeys,
    Set<String> corsOrigins,
    double rateLimitPerSecond,
    int rateLimitBurst,
    double sourceRateLimitPerSecond,
    int sourceRateLimitBurst,
    String presignKeyId,
    Map<String, byte[]> presignSecrets,
    int multipartMaxParts,
    Duration uploadExpiry,
    ConnectionLimits connectionLimits,
    String publicUrl) {
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 5L << 40;
  public static final long DEFAULT_MAX_JSON_BYTES = 1 << 20;
  public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
  public static final int DEFAULT_RATE_LIMIT_BURST = 10;
  public static final int DEFAULT_MULTIPART_MAX_PARTS = 10_000;
  public static final Duration DEFAULT_UPLOAD_EXPIRY = Duration.ofHours(24);

  /** Shortest API key or presign secret accepted: guessing 16 random characters is out of reach. */
  public static final int MIN_SECRET_LENGTH = 16;

  public GatewaySettings {
    Objects.requireNonNull(host, "host");
    apiKeys = Map.copyOf(apiKeys);
    corsOrigins = Set.copyOf(corsOrigins);
    presignSecrets = Map.copyOf(presignSecrets);
    Objects.requireNonNull(uploadExpiry, "uploadExpiry");
    Objects.requireNonNull(connectionLimits, "connectionLimits");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port : " + port + " (expected: 0-65535)");
    }
    if (maxUploadBytes < 1 || maxJsonBytes < 1 || maxHeaderBytes < 1024) {
      throw new IllegalArgumentException(
          "limits "
              + maxUploadBytes
              + "/"
              + maxJsonBytes
              + "/"
              + maxHeaderBytes
              + " (expected: upload >= 1, json >= 1, headers >= 1024)");
    }
    if (rateLimitPerSecond < 0
        || rateLimitBurst < 1
        || sourceRateLimitPerSecond < 0
        || sourceRateLimitBurst < 1) {
      throw new IllegalArgumentException(
          "rate limit "
              + rateLimitPerSecond
              + "/s burst "
              + rateLimitBurst
              + ", per source "
              + sourceRateLimitPerSecond
              + "/s burst "
              + sourceRateLimitBurst
              + " (expected: >= 0, burst >= 1)");
    }
    if (multipartMaxParts < 1 || multipartMaxParts > 99_999) {
      throw new IllegalArgumentException(
          "multipartMaxParts : " + multipartMaxParts + " (expected: 1-99999)");
    }
    if (!uploadExpiry.isPositive()) {
      throw new IllegalArgumentException("uploadExpiry : " + uploadExpiry + " (expected: > 0)");
    }
    apiKeys.forEach(
        (key, principal) -> {
          if (key.length() < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(
                "the api key of "
                    + principal
                    + " has "
                    + key.length()
                    + " characters (expected: at least "
                    + MIN_SECRET_LENGTH
                    + ")");
          }
        });
    presignSecrets.forEach(
        (kid, secret) -> {
          if (secret.length < MIN_SECRET_LENGTH) {
            throw new IllegalArgumentException(
                "the presign secret of "
                    + kid
                    + " has "
                    + secret.length
                    + " bytes (expected: at least "
                    + MIN_SECRET_LENGTH
                    + ")");
          }
        });
    publicUrl = publicUrl == null ? null : checkedPublicUrl(publicUrl);
  }

  /** Open gateway (no auth, CORS, rate limit or presigning) with the default limits. */
  public static GatewaySettings defaults(String host, int port) {
    return new GatewaySettings(
        host,
        port,
        DEFAULT_MAX_UPLOAD_BYTES,
        DEFAULT_MAX_JSON_BYTES,
        DEFAULT_MAX_HEADER_BYTES,
        Map.of(),
        Set.of(),
        0,
        DEFAULT_RATE_LIMIT_BURST,
        0,
        DEFAULT_RATE_LIMIT_BURST,
        null,
        Map.of(),
        DEFAULT_MULTIPART_MAX_PARTS,
        DEFAULT_UPLOAD_EXPIRY,
        ConnectionLimits.defaults(),
        null);
  }

  /**
   * An absolute {@code http(s)://host[:port][/prefix]} URL without query or fragment, without its
   * trailing slash; {@link IllegalArgumentException} naming what is wrong otherwise.
   */
  public static String checkedPublicUrl(String raw) {
    URI uri;
    try {
      uri = new URI(raw.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "public url : " + raw + " (expected: http(s)://host[:port][/prefix])", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("http") || scheme.equals("https"))
        || uri.getHost() == null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null
        || uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "public url : " + raw + " (expected: http(s)://host[:port][/prefix])");
    }
    String text = uri.toString();
    while (text.endsWith("/")) {
      text = text.substring(0, text.length() - 1);
    }
    return text;
  }

  public GatewaySettings withApiKeys(Map<String, String> keys) {
    return copy().apiKeys(keys).build();
  }

  public GatewaySettings withCors(Set<String> origins) {
    return copy().corsOrigins(origins).build();
  }

  /** The same rate per caller and per source address. */
  public GatewaySettings withRateLimit(double perSecond, int burst) {
    return copy().rateLimit(perSecond, burst).sourceRateLimit(perSecond, burst).build();
  }

  /** The rate per source address alone (counted before authentication). */
  public GatewaySettings withSourceRateLimit(double perSecond, int burst) {
    return copy().sourceRateLimit(perSecond, burst).build();
  }

  public GatewaySettings withPresign(String keyId, Map<String, byte[]> secrets) {
    return copy().presign(keyId, secrets).build();
  }

  public GatewaySettings withLimits(long maxUpload, long maxJson, int maxHeaders, int maxParts) {
    return copy().limits(maxUpload, maxJson, maxHeaders, maxParts).build();
  }

  public GatewaySettings withUploadExpiry(Duration expiry) {
    return copy().uploadExpiry(expiry).build();
  }

  public GatewaySettings withConnectionLimits(ConnectionLimits limits) {
    return copy().connectionLimits(limits).build();
  }

  public GatewaySettings withPublicUrl(String url) {
    return copy().publicUrl(url).build();
  }

  private Copy copy() {
    return new Copy(this);
  }

  /** A mutable copy, so that each {@code with*} names only what it changes. */
  private static final class Copy {
    private final GatewaySettings s;
    private long maxUpload;
    private long maxJson;
    private int maxHeaders;
    private int maxParts;
    private Map<String, String> apiKeys;
    private Set<String> cors;
    private double rps;
    private int burst;
    private double sourceRps;
    private int sourceBurst;
    private String presignKeyId;
    private Map<String, byte[]> presignSecrets;
    private Duration uploadExpiry;
    private ConnectionLimits connectionLimits;
    private String publicUrl;

    Copy(GatewaySettings s) {
      this.s = s;
      maxUpload = s.maxUploadBytes;
      maxJson = s.maxJsonBytes;
      maxHeaders = s.maxHeaderBytes;
      maxParts = s.multipartMaxParts;
      apiKeys = s.apiKeys;
      cors = s.corsOrigins;
      rps = s.rateLimitPerSecond;
      burst = s.rateLimitBurst;
      sourceRps = s.sourceRateLimitPerSecond;
      sourceBurst = s.sourceRateLimitBurst;
      presignKeyId = s.presignKeyId;
      presignSecrets = s.presignSecrets;
      uploadExpiry = s.uploadExpiry;
      connectionLimits = s.connectionLimits;
      publicUrl = s.publicUrl;
    }

    Copy apiKeys(Map<String, String> v) {
      apiKeys = v;
      return this;
    }

    Copy corsOrigins(Set<String> v) {
      cors = v;
      return this;
    }

    Copy rateLimit(double perSecond, int b) {
      rps = perSecond;
      burst = b;
      return this;
    }

    Copy sourceRateLimit(double perSecond, int b) {
      sourceRps = perSecond;
      sourceBurst = b;
      return this;
    }

    Copy presign(String keyId, Map<String, byte[]> secrets) {
      presignKeyId = keyId;
      presignSecrets = secrets;
      return this;
    }

    Copy limits(long upload, long json, int headers, int parts) {
      maxUpload = upload;
      maxJson = json;
      maxHeaders = headers;
      maxParts = parts;
      return this;
    }

    Copy uploadExpiry(Duration v) {
      uploadExpiry = v;
      return this;
    }

    Copy connectionLimits(ConnectionLimits v) {
      connectionLimits = v;
      return this;
    }

    Copy publicUrl(String v) {
      publicUrl = v;
      return this;
    }

    GatewaySettings build() {
      return new GatewaySettings(
          s.host,
          s.port,
          maxUpload,
          maxJson,
          maxHeaders,
          apiKeys,
          cors,
          rps,
          burst,
          sourceRps,
          sourceBurst,
          presignKeyId,
          presignSecrets,
          maxParts,
          uploadExpiry,
          connectionLimits,
          publicUrl);
    }
  }
}
