package io.godfs.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import io.godfs.application.port.out.CredentialVerifier.Verdict;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwtVerifierTest {
  private static final String SECRET = "an-hs256-secret-of-32-bytes-or-more-0123";
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
  private static RSAKey rsa;
  private static ECKey ec;

  @TempDir Path dir;
  private final MutableClock clock = new MutableClock(NOW);
  private Path jwksFile;

  @BeforeAll
  static void keys() {
    rsa = Tokens.rsaKey("rsa-1");
    ec = Tokens.ecKey("ec-1");
  }

  @BeforeEach
  void publish() throws Exception {
    jwksFile = dir.resolve("jwks.json");
    Files.writeString(jwksFile, Tokens.jwks(rsa, ec));
  }

  private JwtVerifier hmac() {
    return JwtVerifier.create(JwtSettings.hmac(SECRET), Set.of(), clock);
  }

  private JwtVerifier keySet() {
    return JwtVerifier.create(JwtSettings.jwks(jwksFile.toString()), Set.of(), clock);
  }

  private static JWTClaimsSet.Builder alice() {
    return Tokens.claims("alice", NOW);
  }

  private static Principal.User accepted(Verdict verdict) {
    assertThat(verdict).isInstanceOf(Verdict.Accepted.class);
    return (Principal.User) ((Verdict.Accepted) verdict).principal();
  }

  /** The reason, checked to hold neither the token nor the secret. */
  private static String refused(JwtVerifier verifier, String token) {
    Verdict verdict = verifier.verify(token);
    assertThat(verdict).isInstanceOf(Verdict.Refused.class);
    String reason = ((Verdict.Refused) verdict).reason();
    assertThat(reason).doesNotContain(token).doesNotContain(SECRET);
    for (String part : token.split("\\.")) {
      if (part.length() > 8) {
        assertThat(reason).doesNotContain(part);
      }
    }
    return reason;
  }

  @Test
  void anythingButThreeBase64UrlPartsIsNotMine() {
    JwtVerifier verifier = hmac();
    for (String bearer :
        List.of("godfs_abcdef0123456789", "a.b", "a.b.c.d.e", "a b.c.d", "a.b=.c", "..")) {
      assertThat(verifier.verify(bearer)).as(bearer).isEqualTo(new Verdict.NotMine());
      // so a refusal of such a credential does not list the token issuer among what it tried
      assertThat(verifier.couldBe(bearer)).as(bearer).isFalse();
    }
    assertThat(verifier.couldBe(Tokens.hs256(SECRET, alice().build()))).isTrue();
  }

  @Test
  void garbageShapedLikeATokenIsRefusedNeverThrown() {
    JwtVerifier verifier =
        JwtVerifier.create(JwtSettings.hmac(SECRET).withJwks(jwksFile.toString()), Set.of(), clock);
    List<String> headers =
        List.of(
            "{}",
            "[1]",
            "{\"alg\":42}",
            "{\"alg\":\"RS256\",\"kid\":{\"a\":1}}",
            "{\"alg\":\"HS256\",\"crit\":[\"exp\"]}",
            "{\"alg\":\"RS256\",\"jwk\":\"x\"}",
            "{\"alg\":\"A128KW\",\"enc\":\"A128GCM\"}",
            "not json");
    List<String> payloads = List.of("{}", "[]", "{\"exp\":\"soon\"}", "\u0000\u00ff", "");
    for (String header : headers) {
      for (String payload : payloads) {
        String bearer =
            Base64URL.encode(header)
                + "."
                + (payload.isEmpty() ? "AA" : Base64URL.encode(payload).toString())
                + ".c2ln";
        assertThat(verifier.verify(bearer))
            .as(header + " " + payload)
            .isInstanceOf(Verdict.Refused.class);
      }
    }
    assertThat(verifier.verify("AAAA.AAAA.AAAA")).isInstanceOf(Verdict.Refused.class);
  }

  @Test
  void anHs256TokenGivesItsSubjectGroupsAndKnownRoles() {
    JWTClaimsSet claims =
        alice().claim("groups", "eng, ops").claim("roles", List.of("write", "superuser")).build();

    Principal.User user = accepted(hmac().verify(Tokens.hs256(SECRET, claims)));

    assertThat(user).isEqualTo(Principal.user("alice", Set.of("eng", "ops"), Set.of(Role.WRITE)));
  }

  @Test
  void rs256AndEs256TokensVerifyWithTheKeysOfTheJwkSet() {
    JwtVerifier verifier = keySet();
    JWTClaimsSet claims =
        alice().claim("groups", List.of("eng")).claim("roles", "read admin").build();
    Principal.User expected = Principal.user("alice", Set.of("eng"), Set.of(Role.READ, Role.ADMIN));

    assertThat(accepted(verifier.verify(Tokens.rs256(rsa, claims)))).isEqualTo(expected);
    assertThat(accepted(verifier.verify(Tokens.es256(ec, claims)))).isEqualTo(expected);
  }

  @Test
  void theClaimsOfUserGroupsAndRolesAreConfigurableNestedOnesIncluded() {
    JwtSettings settings =
        JwtSettings.hmac(SECRET)
            .withClaims("preferred_username", "https://godfs.io/groups", "realm_access.roles");
    JwtVerifier verifier = JwtVerifier.create(settings, Set.of(), clock);
    JWTClaimsSet claims =
        alice()
            .claim("preferred_username", "alice.smith")
            .claim("https://godfs.io/groups", List.of("eng", "Domain Users"))
            .claim("realm_access", Map.of("roles", List.of("offline_access", "read")))
            .build();

    assertThat(accepted(verifier.verify(Tokens.hs256(SECRET, claims))))
        .isEqualTo(Principal.user("alice.smith", Set.of("eng"), Set.of(Role.READ)));
  }

  @Test
  void withoutARolesClaimTheWiringsRolesApplyAndWithOneOnlyItsOwn() {
    JwtVerifier verifier = JwtVerifier.create(JwtSettings.hmac(SECRET), Set.of(Role.ADMIN), clock);

    assertThat(accepted(verifier.verify(Tokens.hs256(SECRET, alice().build()))).roles())
        .containsExactly(Role.ADMIN);
    assertThat(
            accepted(verifier.verify(Tokens.hs256(SECRET, alice().claim("roles", "x").build())))
                .roles())
        .isEmpty();
  }

  @Test
  void anExpiredTokenIsRefusedAfterTheClockSkew() {
    JwtVerifier verifier = hmac();
    Instant exp = NOW.minusSeconds(20);
    String token = Tokens.hs256(SECRET, alice().expirationTime(Date.from(exp)).build());
    accepted(verifier.verify(token));

    clock.advance(JwtVerifier.CLOCK_SKEW);

    assertThat(refused(verifier, token)).isEqualTo("token expired at 2026-12-01T09:59:40Z");
  }

  @Test
  void aTokenNotYetValidOrWithoutExpiryIsRefused() {
    JwtVerifier verifier = hmac();
    String early =
        Tokens.hs256(SECRET, alice().notBeforeTime(Date.from(NOW.plusSeconds(31))).build());
    assertThat(refused(verifier, early))
        .isEqualTo("token is not valid before 2026-12-01T10:00:31Z");
    clock.advance(Duration.ofSeconds(1)); // now within the clock skew of its start
    accepted(verifier.verify(early));

    String forever = Tokens.hs256(SECRET, alice().expirationTime(null).build());
    assertThat(refused(verifier, forever)).isEqualTo("token has no expiry ('exp')");
  }

  @Test
  void aTamperedTokenDoesNotVerify() {
    JWTClaimsSet claims = alice().claim("roles", "read").build();
    assertThat(refused(hmac(), Tokens.tampered(Tokens.hs256(SECRET, claims))))
        .isEqualTo("token signature does not verify");
    assertThat(refused(keySet(), Tokens.tampered(Tokens.rs256(rsa, claims))))
        .isEqualTo("token signature does not verify");
    assertThat(refused(keySet(), Tokens.tampered(Tokens.es256(ec, claims))))
        .isEqualTo("token signature does not verify");
    String otherSecret = "another-secret-of-32-bytes-or-more-987654";
    assertThat(refused(hmac(), Tokens.hs256(otherSecret, claims)))
        .isEqualTo("token signature does not verify");
  }

  @Test
  void theIssuerAndAudienceMustBeTheExpectedOnesWhenSet() {
    JwtSettings settings =
        JwtSettings.hmac(SECRET).withIssuer("https://idp.example").withAudience("godfs");
    JwtVerifier verifier = JwtVerifier.create(settings, Set.of(), clock);

    accepted(
        verifier.verify(
            Tokens.hs256(
                SECRET,
                alice().issuer("https://idp.example").audience(List.of("web", "godfs")).build())));
    assertThat(
            refused(
                verifier,
                Tokens.hs256(
                    SECRET, alice().issuer("https://evil.example").audience("godfs").build())))
        .isEqualTo("token issuer 'https://evil.example' is not the expected 'https://idp.example'");
    assertThat(
            refused(
                verifier,
                Tokens.hs256(
                    SECRET,
                    alice()
                        .issuer("https://idp.example")
                        .audience(List.of("web", "mail"))
                        .build())))
        .isEqualTo("token audience 'web', 'mail' does not include 'godfs'");
    assertThat(refused(verifier, Tokens.hs256(SECRET, alice().audience("godfs").build())))
        .isEqualTo("token has no issuer ('iss'; expected: 'https://idp.example')");
  }

  @Test
  void anUnsignedTokenOrAnAlgorithmNotConfiguredIsRefused() {
    JWTClaimsSet claims = alice().claim("roles", "admin").build();
    assertThat(refused(hmac(), Tokens.unsigned(claims)))
        .isEqualTo("token algorithm none is not accepted (expected: HS256)");
    assertThat(
            refused(
                hmac(),
                Tokens.hmac(
                    JWSAlgorithm.HS512,
                    (SECRET + SECRET).getBytes(StandardCharsets.UTF_8),
                    claims)))
        .isEqualTo("token algorithm HS512 is not accepted (expected: HS256)");
    assertThat(refused(hmac(), Tokens.rs256(rsa, claims)))
        .isEqualTo("token algorithm RS256 is not accepted (expected: HS256)");
  }

  @Test
  void anHs256TokenSignedWithThePublicKeyIsRefusedWhenOnlyTheKeySetIsConfigured() throws Exception {
    // The classic confusion: an attacker signs HS256 with the (public) RSA key as the secret.
    byte[] publicKey = rsa.toPublicKey().getEncoded();
    String forged = Tokens.hmac(JWSAlgorithm.HS256, publicKey, alice().build());

    assertThat(refused(keySet(), forged))
        .isEqualTo("token algorithm HS256 is not accepted (expected: RS256 or ES256)");
  }

  @Test
  void bothKindsOfKeyMayBeConfiguredTogether() {
    JwtVerifier both =
        JwtVerifier.create(JwtSettings.hmac(SECRET).withJwks(jwksFile.toString()), Set.of(), clock);
    accepted(both.verify(Tokens.hs256(SECRET, alice().build())));
    accepted(both.verify(Tokens.rs256(rsa, alice().build())));
    assertThat(refused(both, Tokens.unsigned(alice().build())))
        .isEqualTo("token algorithm none is not accepted (expected: HS256, RS256 or ES256)");
    assertThat(both.describe()).isEqualTo("JSON Web Tokens (HS256 secret, JWKS " + jwksFile + ")");
  }

  @Test
  void aKeyIdTheJwkSetLacksIsRefusedNamingItAndTheSet() {
    RSAKey stranger = Tokens.rsaKey("abc");
    assertThat(refused(keySet(), Tokens.rs256(stranger, alice().build())))
        .isEqualTo("no key with kid 'abc' in the JWKS from " + jwksFile);
    // A kid of the set's, but of the other kind of key.
    RSAKey posingAsEc = Tokens.rsaKey("ec-1");
    assertThat(refused(keySet(), Tokens.rs256(posingAsEc, alice().build())))
        .isEqualTo("the key with kid 'ec-1' is not an RS256 key in the JWKS from " + jwksFile);
  }

  @Test
  void aKeyAddedToTheFileIsFoundByItsKeyId() throws Exception {
    JwtVerifier verifier = keySet();
    RSAKey next = Tokens.rsaKey("rsa-2");
    String token = Tokens.rs256(next, alice().build());
    refused(verifier, token);

    Files.writeString(jwksFile, Tokens.jwks(rsa, ec, next));
    clock.advance(JwksSource.MIN_FETCH_INTERVAL);

    accepted(verifier.verify(token));
  }

  @Test
  void aTokenWithoutAUsableUserIsRefused() {
    assertThat(refused(hmac(), Tokens.hs256(SECRET, alice().subject(null).build())))
        .isEqualTo("token has no user: its claim 'sub' is missing or not a string");
    assertThat(refused(hmac(), Tokens.hs256(SECRET, alice().subject("alice smith").build())))
        .startsWith("token claim 'sub' is not a user goDFS accepts: user name contains spaces");
  }

  @Test
  void aShortSecretOrAMissingKeyFileStopsTheStartWithoutShowingTheSecret() {
    assertThatThrownBy(() -> JwtSettings.hmac("short-secret"))
        .hasMessage(
            "the HS256 secret has 12 bytes (expected: at least 32, e.g. openssl rand -hex 32)");
    Path missing = dir.resolve("missing.json");
    assertThatThrownBy(
            () -> JwtVerifier.create(JwtSettings.jwks(missing.toString()), Set.of(), clock))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("cannot read the JWK set " + missing);
    assertThat(JwtSettings.hmac(SECRET).toString()).doesNotContain(SECRET);
  }
}
