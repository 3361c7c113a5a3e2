package io.godfs.adapters.rest.auth;

import io.godfs.domain.file.DfsPath;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Presigned URLs for {@code /v1/fs/content} (docs/adr/0007): lower-case hex
 * HMAC-SHA256(secret[kid], "godfs-presign-v2\n" METHOD "\n" path "\n" exp "\n" length), where
 * length is the exact body size for PUT and empty for GET (a GET URL also allows HEAD). The key id
 * travels in the URL so keys can be rotated: sign with the new key while the old one still
 * verifies.
 */
public final class PresignSigner {
  public static final String EXP = "godfs_exp";
  public static final String KID = "godfs_kid";
  public static final String SIG = "godfs_sig";
  public static final String LEN = "godfs_len";
  public static final Duration MAX_TTL = Duration.ofDays(7);
  private static final Pattern HEX_SIG = Pattern.compile("[0-9a-f]{64}");
  private final String signingKeyId;
  private final Map<String, byte[]> secrets;
  private final Clock clock;

  /** What a check of a presigned request found. */
  public enum Verdict {
    VALID,
    EXPIRED,
    UNKNOWN_KEY,
    BAD_SIGNATURE,
    MALFORMED,
    LENGTH_MISMATCH
  }

  /** A signed URL's query string (without {@code ?}) and when it stops working. */
  public record Presigned(String query, Instant expiresAt, String keyId) {}

  public PresignSigner(String signingKeyId, Map<String, byte[]> secrets, Clock clock) {
    this.secrets = Map.copyOf(secrets);
    this.clock = Objects.requireNonNull(clock, "clock");
    if (!this.secrets.containsKey(signingKeyId)) {
      throw new IllegalArgumentException("signing key id " + signingKeyId + " has no secret");
    }
    this.secrets.forEach(
        (kid, secret) -> {
          if (secret.length < 16) {
            throw new IllegalArgumentException(
                "presign secret " + kid + " : " + secret.length + " bytes (expected: >= 16)");
          }
        });
    this.signingKeyId = signingKeyId;
  }

  /** {@code method} GET or PUT; {@code contentLength} is required for PUT and ignored for GET. */
  public Presigned sign(String method, DfsPath path, Duration ttl, Long contentLength) {
    long exp = clock.instant().plus(ttl).getEpochSecond();
    String len =
        method.equals("PUT")
            ? String.valueOf(Objects.requireNonNull(contentLength, "contentLength"))
            : "";
    String sig = signature(secrets.get(signingKeyId), method, path.value(), exp, len);
    StringBuilder q =
        new StringBuilder("path=")
            .append(URLEncoder.encode(path.value(), StandardCharsets.UTF_8))
            .append('&')
            .append(EXP)
            .append('=')
            .append(exp)
            .append('&')
            .append(KID)
            .append('=')
            .append(URLEncoder.encode(signingKeyId, StandardCharsets.UTF_8));
    if (!len.isEmpty()) {
      q.append('&').append(LEN).append('=').append(len);
    }
    q.append('&').append(SIG).append('=').append(sig);
    return new Presigned(q.toString(), Instant.ofEpochSecond(exp), signingKeyId);
  }

  /**
   * Checks a request against its signature. {@code method} is GET (for GET and HEAD) or PUT; {@code
   * bodyLength} is the request's Content-Length, -1 when it has none.
   */
  public Verdict verify(
      String method,
      DfsPath path,
      String exp,
      String kid,
      String sig,
      String len,
      long bodyLength) {
    if (exp == null || kid == null || sig == null || !HEX_SIG.matcher(sig).matches()) {
      return Verdict.MALFORMED;
    }
    long expires;
    try {
      expires = Long.parseLong(exp);
    } catch (NumberFormatException e) {
      return Verdict.MALFORMED;
    }
    byte[] secret = secrets.get(kid);
    if (secret == null) {
      return Verdict.UNKNOWN_KEY;
    }
    String signedLen = method.equals("PUT") ? (len == null ? "" : len) : "";
    byte[] expected =
        signature(secret, method, path.value(), expires, signedLen)
            .getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, sig.getBytes(StandardCharsets.US_ASCII))) {
      return Verdict.BAD_SIGNATURE;
    }
    if (clock.instant().getEpochSecond() >= expires) {
      return Verdict.EXPIRED;
    }
    if (method.equals("PUT") && !String.valueOf(bodyLength).equals(signedLen)) {
      return Verdict.LENGTH_MISMATCH;
    }
    return Verdict.VALID;
  }

  static String signature(byte[] secret, String method, String path, long exp, String len) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      String text = "godfs-presign-v2\n" + method + "\n" + path + "\n" + exp + "\n" + len;
      return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }
}
