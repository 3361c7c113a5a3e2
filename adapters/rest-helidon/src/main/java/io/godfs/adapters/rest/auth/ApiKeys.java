package io.godfs.adapters.rest.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The API keys the gateway accepts ({@code Authorization: Bearer <key>}) and whom each one names.
 * Empty = auth off. Keys are compared by digest in constant time, every key every time, so the
 * answer's timing tells nothing about how much of a guess was right.
 */
public final class ApiKeys {
  private final Map<String, byte[]> digestByPrincipal = new LinkedHashMap<>();

  /** {@code principalByKey}: secret key to principal name. */
  public ApiKeys(Map<String, String> principalByKey) {
    principalByKey.forEach(
        (key, principal) -> {
          if (key.isBlank()) {
            throw new IllegalArgumentException("api key of " + principal + " is blank");
          }
          digestByPrincipal.put(principal, sha256(key));
        });
  }

  public static ApiKeys none() {
    return new ApiKeys(Map.of());
  }

  public boolean enabled() {
    return !digestByPrincipal.isEmpty();
  }

  public Optional<String> principal(String presentedKey) {
    byte[] presented = sha256(presentedKey);
    String found = null;
    for (Map.Entry<String, byte[]> e : digestByPrincipal.entrySet()) {
      if (MessageDigest.isEqual(presented, e.getValue()) && found == null) {
        found = e.getKey();
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * A name for a credential the gateway passes on unread: {@code bearer:} and the first 8 hex
   * digits of its SHA-256, enough to tell callers apart in rate limits, never enough to recover it.
   */
  static String label(String credential) {
    return "bearer:" + HexFormat.of().formatHex(sha256(credential), 0, 4);
  }

  static byte[] sha256(String s) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
