package io.godfs.domain.authority;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A join token as an operator copies it: {@code godfs-join.<secret>.<CA fingerprint>}. The secret
 * is 32 random bytes (base64url); the fingerprint is the SHA-256 of the cluster CA's certificate
 * (hex), so that the joining party can check the master it talks to without any file (kubeadm's
 * discovery hash). The masters keep only {@link #hash()}, over the whole text: a changed secret or
 * fingerprint is an unknown token.
 */
public record JoinTokenText(String secret, String caFingerprint) {
  public static final String PREFIX = "godfs-join";
  private static final Pattern SECRET = Pattern.compile("[A-Za-z0-9_-]{43}");
  private static final Pattern FINGERPRINT = Pattern.compile("[0-9a-f]{64}");

  public JoinTokenText {
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(caFingerprint, "caFingerprint");
    if (!SECRET.matcher(secret).matches() || !FINGERPRINT.matcher(caFingerprint).matches()) {
      throw new IllegalArgumentException("not a join token");
    }
  }

  /**
   * @throws IllegalArgumentException "not a join token (expected godfs-join.<secret>.<sha256>)",
   *     never echoing what was given (it may be a secret of some other kind)
   */
  public static JoinTokenText parse(String text) {
    String[] parts = text.strip().split("\\.", -1);
    if (parts.length != 3
        || !parts[0].equals(PREFIX)
        || !SECRET.matcher(parts[1]).matches()
        || !FINGERPRINT.matcher(parts[2]).matches()) {
      throw new IllegalArgumentException(
          "not a join token (expected " + PREFIX + ".<secret>.<CA SHA-256>)");
    }
    return new JoinTokenText(parts[1], parts[2]);
  }

  /** What the masters keep: the SHA-256 of the whole token text, hex. */
  public String hash() {
    return sha256Hex(toString().getBytes(StandardCharsets.US_ASCII));
  }

  /** The SHA-256 of {@code bytes}, lower-case hex (a certificate's fingerprint, a token's hash). */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** The token itself: a secret, to be printed once and never logged. */
  @Override
  public String toString() {
    return PREFIX + "." + secret + "." + caFingerprint;
  }
}
