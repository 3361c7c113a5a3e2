package io.godfs.bootstrap.e2e;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/** HS256 JSON Web Tokens signed with the cluster's secret: valid, expired or tampered. */
final class Tokens {
  private final byte[] secret;

  Tokens(String secret) {
    this.secret = secret.getBytes(StandardCharsets.UTF_8);
  }

  /** Valid for ten minutes, naming {@code user} with {@code role}. */
  String valid(String user, String role) {
    return sign(user, role, Instant.now().plusSeconds(600));
  }

  /** Genuine, but expired ten minutes ago (beyond the 30 s of clock skew allowed). */
  String expired(String user, String role) {
    return sign(user, role, Instant.now().minusSeconds(600));
  }

  /**
   * A valid token whose claims were changed afterwards (a reader made admin): the MAC no longer
   * fits.
   */
  String tampered(String user, String role) {
    String[] parts = valid(user, "read").split("\\.");
    String claims =
        new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
            .replace("\"read\"", "\"" + role + "\"");
    return parts[0]
        + "."
        + Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(claims.getBytes(StandardCharsets.UTF_8))
        + "."
        + parts[2];
  }

  /** An API key with its last character changed. */
  static String tamper(String key) {
    char last = key.charAt(key.length() - 1);
    return key.substring(0, key.length() - 1) + (last == 'A' ? 'B' : 'A');
  }

  private String sign(String user, String role, Instant expiry) {
    try {
      SignedJWT jwt =
          new SignedJWT(
              new JWSHeader(JWSAlgorithm.HS256),
              new JWTClaimsSet.Builder()
                  .subject(user)
                  .claim("roles", List.of(role))
                  .expirationTime(Date.from(expiry))
                  .build());
      jwt.sign(new MACSigner(secret));
      return jwt.serialize();
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
  }
}
