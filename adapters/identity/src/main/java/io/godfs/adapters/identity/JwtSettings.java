package io.godfs.adapters.identity;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Which JSON Web Tokens a master accepts: signed with a shared secret (HS256), with the keys of a
 * JWK set (RS256, ES256), or both; the issuer and audience they must name when set; the claims that
 * give the user, its groups and its roles; and how often the JWK set is read again.
 *
 * @param hmacSecret the HS256 secret, at least {@link #MIN_SECRET_BYTES} bytes
 * @param jwks where the JWK set is: an {@code https://} or {@code http://} URL, a {@code file:} URL
 *     or a file path
 */
public record JwtSettings(
    Optional<String> hmacSecret,
    Optional<String> jwks,
    Optional<String> issuer,
    Optional<String> audience,
    String userClaim,
    String groupsClaim,
    String rolesClaim,
    Duration jwksRefresh) {
  /** HS256's key is 256 bits; a shorter secret is refused by the library and guessable. */
  public static final int MIN_SECRET_BYTES = 32;

  public static final String DEFAULT_USER_CLAIM = "sub";
  public static final String DEFAULT_GROUPS_CLAIM = "groups";
  public static final String DEFAULT_ROLES_CLAIM = "roles";
  public static final Duration DEFAULT_JWKS_REFRESH = Duration.ofMinutes(5);

  public JwtSettings {
    Objects.requireNonNull(hmacSecret, "hmacSecret");
    Objects.requireNonNull(jwks, "jwks");
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(audience, "audience");
    Objects.requireNonNull(userClaim, "userClaim");
    Objects.requireNonNull(groupsClaim, "groupsClaim");
    Objects.requireNonNull(rolesClaim, "rolesClaim");
    Objects.requireNonNull(jwksRefresh, "jwksRefresh");
    if (hmacSecret.isEmpty() && jwks.isEmpty()) {
      throw new IllegalArgumentException(
          "tokens need a key: an HS256 secret (GODFS_JWT_HMAC_SECRET) or a JWK set"
              + " (GODFS_JWT_JWKS_URL)");
    }
    hmacSecret.ifPresent(
        s -> {
          int bytes = s.getBytes(StandardCharsets.UTF_8).length;
          if (bytes < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException(
                "the HS256 secret has "
                    + bytes
                    + " bytes (expected: at least "
                    + MIN_SECRET_BYTES
                    + ", e.g. openssl rand -hex 32)");
          }
        });
    jwks.ifPresent(JwtSettings::jwksLocation);
    if (jwksRefresh.isNegative() || jwksRefresh.isZero()) {
      throw new IllegalArgumentException("the JWKS refresh interval must be positive");
    }
  }

  /**
   * {@code raw} if it names a JWK set goDFS can read (an https or http URL with a host, a {@code
   * file:} URL or a path), else an IllegalArgumentException saying why.
   */
  public static String jwksLocation(String raw) {
    JwksSource.Location.parse(raw);
    return raw.strip();
  }

  /** Tokens signed with {@code secret} (HS256), with the seed's claims. */
  public static JwtSettings hmac(String secret) {
    return new JwtSettings(
        Optional.of(secret),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        DEFAULT_USER_CLAIM,
        DEFAULT_GROUPS_CLAIM,
        DEFAULT_ROLES_CLAIM,
        DEFAULT_JWKS_REFRESH);
  }

  /** Tokens signed with the keys of the JWK set at {@code location}, with the seed's claims. */
  public static JwtSettings jwks(String location) {
    return new JwtSettings(
        Optional.empty(),
        Optional.of(location),
        Optional.empty(),
        Optional.empty(),
        DEFAULT_USER_CLAIM,
        DEFAULT_GROUPS_CLAIM,
        DEFAULT_ROLES_CLAIM,
        DEFAULT_JWKS_REFRESH);
  }

  public JwtSettings withIssuer(String expected) {
    return new JwtSettings(
        hmacSecret,
        jwks,
        Optional.of(expected),
        audience,
        userClaim,
        groupsClaim,
        rolesClaim,
        jwksRefresh);
  }

  public JwtSettings withAudience(String expected) {
    return new JwtSettings(
        hmacSecret,
        jwks,
        issuer,
        Optional.of(expected),
        userClaim,
        groupsClaim,
        rolesClaim,
        jwksRefresh);
  }

  public JwtSettings withClaims(String user, String groups, String roles) {
    return new JwtSettings(hmacSecret, jwks, issuer, audience, user, groups, roles, jwksRefresh);
  }

  /** Both ways of signing: the secret and the JWK set. */
  public JwtSettings withJwks(String location) {
    return new JwtSettings(
        hmacSecret,
        Optional.of(location),
        issuer,
        audience,
        userClaim,
        groupsClaim,
        rolesClaim,
        jwksRefresh);
  }

  public JwtSettings withJwksRefresh(Duration every) {
    return new JwtSettings(
        hmacSecret, jwks, issuer, audience, userClaim, groupsClaim, rolesClaim, every);
  }

  /** Never the secret: what logs and {@code godfs config print} may show. */
  @Override
  public String toString() {
    return "JwtSettings[hmacSecret="
        + (hmacSecret.isPresent() ? "set" : "-")
        + ", jwks="
        + jwks.orElse("-")
        + ", issuer="
        + issuer.orElse("-")
        + ", audience="
        + audience.orElse("-")
        + ", claims="
        + userClaim
        + "/"
        + groupsClaim
        + "/"
        + rolesClaim
        + ", jwksRefresh="
        + jwksRefresh
        + "]";
  }
}
