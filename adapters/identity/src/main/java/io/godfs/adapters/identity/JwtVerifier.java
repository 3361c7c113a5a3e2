package io.godfs.adapters.identity;

import com.nimbusds.jose.Algorithm;
import com.nimbusds.jose.Header;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.godfs.application.port.out.CredentialVerifier;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * JSON Web Tokens (RFC 7519) signed with HS256 and a shared secret, or with RS256 or ES256 and the
 * keys of a JWK set. A token is accepted when its algorithm is one configured, its signature
 * verifies with a key of that algorithm (an HS256 token is checked with the secret only, never with
 * a public key taken as a secret), it has not expired and is already valid (within {@link
 * #CLOCK_SKEW}), and it names the expected issuer and audience when those are set. Its holder is
 * the user its user claim names, with the groups and roles of the claims configured.
 */
public final class JwtVerifier implements CredentialVerifier {
  /** How far the clocks of the token's issuer and of this master may disagree. */
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);

  private static final Pattern COMPACT_JWS =
      Pattern.compile("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
  private static final int SHOWN_CHARS = 64;

  private final JwtSettings settings;
  private final Set<Role> rolesWithoutClaim;
  private final InstantSource clock;
  private final Optional<JWSVerifier> hmac;
  private final Optional<JwksSource> jwks;

  private JwtVerifier(
      JwtSettings settings,
      Set<Role> rolesWithoutClaim,
      InstantSource clock,
      Optional<JWSVerifier> hmac,
      Optional<JwksSource> jwks) {
    this.settings = settings;
    this.rolesWithoutClaim = Set.copyOf(rolesWithoutClaim);
    this.clock = clock;
    this.hmac = hmac;
    this.jwks = jwks;
  }

  /**
   * Tokens as {@code settings} say. A token without the roles claim gives {@code rolesWithoutClaim}
   * (the wiring's choice). An IllegalArgumentException (never showing the secret) when the secret
   * is unusable or a JWK set file cannot be read.
   */
  public static JwtVerifier create(
      JwtSettings settings, Set<Role> rolesWithoutClaim, InstantSource clock) {
    Optional<JWSVerifier> hmac = settings.hmacSecret().map(JwtVerifier::macVerifier);
    Optional<JwksSource> jwks =
        settings.jwks().map(where -> JwksSource.open(where, settings.jwksRefresh(), clock));
    return new JwtVerifier(settings, rolesWithoutClaim, clock, hmac, jwks);
  }

  private static JWSVerifier macVerifier(String secret) {
    try {
      return new MACVerifier(secret.getBytes(StandardCharsets.UTF_8));
    } catch (JOSEException e) {
      throw new IllegalArgumentException(
          "the HS256 secret is unusable (expected: 32 bytes or more)");
    }
  }

  /** Only a compact JWS (three base64url parts) could be a token of this issuer. */
  @Override
  public boolean couldBe(String bearer) {
    return COMPACT_JWS.matcher(bearer).matches();
  }

  @Override
  public Verdict verify(String bearer) {
    if (!couldBe(bearer)) {
      return new Verdict.NotMine();
    }
    SignedJWT signed;
    try {
      Header header = Header.parse(new Base64URL(bearer.substring(0, bearer.indexOf('.'))));
      if (Algorithm.NONE.equals(header.getAlgorithm())) {
        return refused("token algorithm none is not accepted (expected: " + accepted() + ")");
      }
      signed = SignedJWT.parse(bearer);
    } catch (ParseException e) {
      return refused("token is not a signed JSON Web Token (its header does not parse)");
    }
    JWSAlgorithm alg = signed.getHeader().getAlgorithm();
    Optional<String> signatureProblem = checkSignature(signed, alg);
    if (signatureProblem.isPresent()) {
      return refused(signatureProblem.get());
    }
    JWTClaimsSet claims;
    try {
      claims = signed.getJWTClaimsSet();
    } catch (ParseException e) {
      return refused("token claims are not a JSON object");
    }
    Optional<String> claimProblem = checkClaims(claims);
    if (claimProblem.isPresent()) {
      return refused(claimProblem.get());
    }
    return holder(claims);
  }

  @Override
  public String describe() {
    List<String> keys = new ArrayList<>();
    hmac.ifPresent(h -> keys.add("HS256 secret"));
    jwks.ifPresent(j -> keys.add("JWKS " + j.display()));
    return "JSON Web Tokens (" + String.join(", ", keys) + ")";
  }

  private Optional<String> checkSignature(SignedJWT signed, JWSAlgorithm alg) {
    if (JWSAlgorithm.HS256.equals(alg) && hmac.isPresent()) {
      return verifies(signed, hmac.get())
          ? Optional.empty()
          : Optional.of("token signature does not verify");
    }
    if ((JWSAlgorithm.RS256.equals(alg) || JWSAlgorithm.ES256.equals(alg)) && jwks.isPresent()) {
      return checkWithKeySet(signed, alg, jwks.get());
    }
    return Optional.of(
        "token algorithm "
            + shown(alg.getName())
            + " is not accepted (expected: "
            + accepted()
            + ")");
  }

  private Optional<String> checkWithKeySet(SignedJWT signed, JWSAlgorithm alg, JwksSource source) {
    String kid = signed.getHeader().getKeyID();
    JWKSet keys = source.current();
    if (kid != null && keys.getKeyByKeyId(kid) == null) {
      keys = source.afterUnknownKeyId();
      if (keys.getKeyByKeyId(kid) == null) {
        return Optional.of(
            "no key with kid '" + shown(kid) + "' in the JWKS from " + source.display());
      }
    }
    List<JWSVerifier> verifiers =
        keys.getKeys().stream()
            .filter(k -> kid == null || kid.equals(k.getKeyID()))
            .filter(k -> fits(k, alg))
            .map(JwtVerifier::publicKeyVerifier)
            .flatMap(Optional::stream)
            .toList();
    if (verifiers.isEmpty()) {
      return Optional.of(
          (kid == null ? "no " : "the key with kid '" + shown(kid) + "' is not an ")
              + alg.getName()
              + " key in the JWKS from "
              + source.display());
    }
    return verifiers.stream().anyMatch(v -> verifies(signed, v))
        ? Optional.empty()
        : Optional.of("token signature does not verify");
  }

  /** Whether {@code key} may check an {@code alg} signature: its type, curve, use and algorithm. */
  private static boolean fits(JWK key, JWSAlgorithm alg) {
    boolean type =
        JWSAlgorithm.RS256.equals(alg)
            ? key instanceof RSAKey
            : key instanceof ECKey ec && Curve.P_256.equals(ec.getCurve());
    return type
        && (key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))
        && (key.getAlgorithm() == null || alg.equals(key.getAlgorithm()));
  }

  private static Optional<JWSVerifier> publicKeyVerifier(JWK key) {
    try {
      return Optional.of(
          key instanceof RSAKey rsa
              ? new RSASSAVerifier(rsa.toPublicJWK())
              : new ECDSAVerifier(((ECKey) key).toPublicJWK()));
    } catch (JOSEException e) {
      return Optional.empty(); // a key the JDK cannot use verifies nothing
    }
  }

  private static boolean verifies(SignedJWT signed, JWSVerifier verifier) {
    try {
      return signed.verify(verifier);
    } catch (JOSEException | IllegalStateException e) {
      return false;
    }
  }

  private Optional<String> checkClaims(JWTClaimsSet claims) {
    Instant now = clock.instant();
    Date exp;
    Date nbf;
    try {
      exp = claims.getDateClaim("exp");
      nbf = claims.getDateClaim("nbf");
    } catch (ParseException e) {
      return Optional.of("token 'exp' or 'nbf' is not a number of seconds");
    }
    if (exp == null) {
      return Optional.of("token has no expiry ('exp')");
    }
    if (now.isAfter(exp.toInstant().plus(CLOCK_SKEW))) {
      return Optional.of("token expired at " + exp.toInstant());
    }
    if (nbf != null && now.plus(CLOCK_SKEW).isBefore(nbf.toInstant())) {
      return Optional.of("token is not valid before " + nbf.toInstant());
    }
    if (settings.issuer().isPresent()) {
      String expected = settings.issuer().get();
      Object iss = claims.getClaim("iss");
      if (!expected.equals(iss)) {
        return Optional.of(
            iss instanceof String s
                ? "token issuer '" + shown(s) + "' is not the expected '" + expected + "'"
                : "token has no issuer ('iss'; expected: '" + expected + "')");
      }
    }
    if (settings.audience().isPresent()) {
      String expected = settings.audience().get();
      List<String> audience = TokenClaims.names(claims.getClaim("aud"));
      if (!audience.contains(expected)) {
        return Optional.of(
            audience.isEmpty()
                ? "token has no audience ('aud'; expected: '" + expected + "')"
                : "token audience "
                    + audience.stream()
                        .limit(8)
                        .map(a -> "'" + shown(a) + "'")
                        .collect(Collectors.joining(", "))
                    + " does not include '"
                    + expected
                    + "'");
      }
    }
    return Optional.empty();
  }

  private Verdict holder(JWTClaimsSet claims) {
    String userClaim = settings.userClaim();
    Optional<Object> user = TokenClaims.claim(claims, userClaim);
    if (user.isEmpty() || !(user.get() instanceof String name) || name.isBlank()) {
      return refused("token has no user: its claim '" + userClaim + "' is missing or not a string");
    }
    Set<String> groups =
        TokenClaims.claim(claims, settings.groupsClaim()).map(TokenClaims::groups).orElse(Set.of());
    Set<Role> roles =
        TokenClaims.claim(claims, settings.rolesClaim())
            .map(TokenClaims::roles)
            .orElse(rolesWithoutClaim);
    try {
      return new Verdict.Accepted(Principal.user(name, groups, roles));
    } catch (IllegalArgumentException e) {
      return refused(
          "token claim '" + userClaim + "' is not a user goDFS accepts: " + e.getMessage());
    }
  }

  /** The algorithms configured, for refusals. */
  private String accepted() {
    List<String> algs = new ArrayList<>();
    hmac.ifPresent(h -> algs.add("HS256"));
    jwks.ifPresent(
        j -> {
          algs.add("RS256");
          algs.add("ES256");
        });
    return algs.size() == 1
        ? algs.getFirst()
        : String.join(", ", algs.subList(0, algs.size() - 1)) + " or " + algs.getLast();
  }

  /** A value the token chose, made safe to put in a refusal: printable and short. */
  private static String shown(String value) {
    String printable =
        value
            .codePoints()
            .map(c -> c < ' ' || c == 127 || c == '\'' ? '?' : c)
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return printable.length() <= SHOWN_CHARS
        ? printable
        : printable.substring(0, SHOWN_CHARS) + "...";
  }

  private static Verdict refused(String reason) {
    return new Verdict.Refused(reason);
  }
}
