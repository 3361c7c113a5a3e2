package io.godfs.adapters.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API keys: 32 random bytes, printed once to whoever creates them and stored only as their SHA-256.
 * A key carries 256 bits of entropy, so one unsalted fast hash is enough: nothing can be guessed
 * from it, and a lookup by hash reveals nothing through its timing.
 */
public final class ApiKey {
  /** Every key starts with it, so a leaked key is recognisable (secret scanners, logs). */
  public static final String PREFIX = "godfs_";

  private ApiKey() {}

  /** A new key from {@code random} (a {@link SecureRandom} outside tests). */
  public static String generate(SecureRandom random) {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** What the keys file stores for {@code key}: {@code sha256:} and the digest in hex. */
  public static String hash(String key) {
    return "sha256:" + HexFormat.of().formatHex(sha256(key));
  }

  static byte[] sha256(String text) {
    MessageDigest digest;
    try {
      digest = (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      digest = newSha256();
    }
    return digest.digest(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Cloned for each hash: looking the algorithm up among the providers on every call was 1.5 % of a
   * master's CPU in a mount's metadata loop, where every call's API key is hashed (ADR 0031).
   */
  private static final MessageDigest SHA_256 = newSha256();

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
