package io.godfs.adapters.rest;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How the gateway runs; bootstrap builds it from the environment (docs/adr/0007 lists the
 * variables and defaults).
 *
 * @param host listen host ({@code ""} = every interface)
 * @param port listen port (0 = any free port)
 * @param maxUploadBytes cap of a PUT body or a multipart part
 * @param maxJsonBytes cap of a JSON request body
 * @param maxHeaderBytes cap of all request headers together
 * @param apiKeys secret key to principal; empty = auth off
 * @param corsOrigins allowed browser origins ({@code *} = any); empty = CORS off
 * @param rateLimitPerSecond requests per second per caller; 0 = off
 * @param rateLimitBurst requests a caller may make at once
 * @param presignKeyId key id that signs new presigned URLs; null = presigning off
 * @param presignSecrets key id to secret; every listed key still verifies (rotation)
 * @param multipartMaxParts highest part number
 * @param uploadExpiry abandoned multipart uploads and PUT temp files are removed after this
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
    String presignKeyId,
    Map<String, byte[]> presignSecrets,
    int multipartMaxParts,
    Duration uploadExpiry) {
  public static final long DEFAULT_MAX_UPLOAD_BYTES = 5L << 40;
  public static final long DEFAULT_MAX_JSON_BYTES = 1 << 20;
  public static final int DEFAULT_MAX_HEADER_BYTES = 16 * 1024;
  public static final int DEFAULT_RATE_LIMIT_BURST = 10;
  public static final int DEFAULT_MULTIPART_MAX_PARTS = 10_000;
  public static final Duration DEFAULT_UPLOAD_EXPIRY = Duration.ofHours(24);

  public GatewaySettings {
    Objects.requireNonNull(host, "host");
    apiKeys = Map.copyOf(apiKeys);
    corsOrigins = Set.copyOf(corsOrigins);
    presignSecrets = Map.copyOf(presignSecrets);
    Objects.requireNonNull(uploadExpiry, "uploadExpiry");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port : " + port + " (expected: 0-65535)");
    }
    if (maxUploadBytes < 1 || maxJsonBytes < 1 || maxHeaderBytes < 1024) {
      throw new IllegalArgumentException("limits " + maxUploadBytes + "/" + maxJsonBytes + "/" + maxHeaderBytes
          + " (expected: upload >= 1, json >= 1, headers >= 1024)");
    }
    if (rateLimitPerSecond < 0 || rateLimitBurst < 1) {
      throw new IllegalArgumentException("rate limit " + rateLimitPerSecond + "/s burst " + rateLimitBurst
          + " (expected: >= 0, burst >= 1)");
    }
    if (multipartMaxParts < 1 || multipartMaxParts > 99_999) {
      throw new IllegalArgumentException("multipartMaxParts : " + multipartMaxParts + " (expected: 1-99999)");
    }
    if (!uploadExpiry.isPositive()) {
      throw new IllegalArgumentException("uploadExpiry : " + uploadExpiry + " (expected: > 0)");
    }
  }

  /** Open gateway (no auth, CORS, rate limit or presigning) with the default limits. */
  public static GatewaySettings defaults(String host, int port) {
    return new GatewaySettings(host, port, DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_MAX_JSON_BYTES, DEFAULT_MAX_HEADER_BYTES,
        Map.of(), Set.of(), 0, DEFAULT_RATE_LIMIT_BURST, null, Map.of(), DEFAULT_MULTIPART_MAX_PARTS,
        DEFAULT_UPLOAD_EXPIRY);
  }

  public GatewaySettings withApiKeys(Map<String, String> keys) {
    return new GatewaySettings(host, port, maxUploadBytes, maxJsonBytes, maxHeaderBytes, keys, corsOrigins,
        rateLimitPerSecond, rateLimitBurst, presignKeyId, presignSecrets, multipartMaxParts, uploadExpiry);
  }

  public GatewaySettings withCors(Set<String> origins) {
    return new GatewaySettings(host, port, maxUploadBytes, maxJsonBytes, maxHeaderBytes, apiKeys, origins,
        rateLimitPerSecond, rateLimitBurst, presignKeyId, presignSecrets, multipartMaxParts, uploadExpiry);
  }

  public GatewaySettings withRateLimit(double perSecond, int burst) {
    return new GatewaySettings(host, port, maxUploadBytes, maxJsonBytes, maxHeaderBytes, apiKeys, corsOrigins,
        perSecond, burst, presignKeyId, presignSecrets, multipartMaxParts, uploadExpiry);
  }

  public GatewaySettings withPresign(String keyId, Map<String, byte[]> secrets) {
    return new GatewaySettings(host, port, maxUploadBytes, maxJsonBytes, maxHeaderBytes, apiKeys, corsOrigins,
        rateLimitPerSecond, rateLimitBurst, keyId, secrets, multipartMaxParts, uploadExpiry);
  }

  public GatewaySettings withLimits(long maxUpload, long maxJson, int maxHeaders, int maxParts) {
    return new GatewaySettings(host, port, maxUpload, maxJson, maxHeaders, apiKeys, corsOrigins,
        rateLimitPerSecond, rateLimitBurst, presignKeyId, presignSecrets, maxParts, uploadExpiry);
  }

  public GatewaySettings withUploadExpiry(Duration expiry) {
    return new GatewaySettings(host, port, maxUploadBytes, maxJsonBytes, maxHeaderBytes, apiKeys, corsOrigins,
        rateLimitPerSecond, rateLimitBurst, presignKeyId, presignSecrets, multipartMaxParts, expiry);
  }
}
