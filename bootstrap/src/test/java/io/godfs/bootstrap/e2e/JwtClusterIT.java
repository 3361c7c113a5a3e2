package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.godfs.adapters.identity.JwtSettings;
import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.client.GodfsClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster whose master accepts JSON Web Tokens (HS256 with a secret, RS256 with a JWK set file),
 * over real sockets: a token's roles decide what its user may do, and a bad token is refused before
 * any handler.
 */
class JwtClusterIT {
  static final String CLUSTER_KEY = "cluster-key-0123456789abcdef";
  static final String SECRET = "an-hs256-secret-of-32-bytes-or-more-0123";
  static final String ISSUER = "https://idp.example";

  @TempDir static Path dir;
  static TestCluster cluster;
  static RSAKey idpKey;

  @BeforeAll
  static void start() throws Exception {
    idpKey = new RSAKeyGenerator(2048).keyID("idp-1").generate();
    Path jwks = dir.resolve("conf/jwks.json");
    Files.createDirectories(jwks.getParent());
    Files.writeString(jwks, new JWKSet(idpKey).toPublicJWKSet().toString());
    MasterConfig config =
        new MasterConfig(
            "127.0.0.1",
            0,
            1 << 20,
            3,
            Duration.ofSeconds(30),
            Duration.ofMillis(200),
            MasterConfig.DEFAULT_LEASE_TIMEOUT,
            HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO));
    MasterSecurity security =
        new MasterSecurity(Optional.empty(), Map.of(), Optional.empty(), Optional.of(CLUSTER_KEY))
            .withJwt(JwtSettings.hmac(SECRET).withJwks(jwks.toString()).withIssuer(ISSUER));
    cluster = new TestCluster(dir, 3, config, security, Optional.of(CLUSTER_KEY));
  }

  @AfterAll
  static void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static JWTClaimsSet.Builder claims(String user, List<String> roles) {
    Instant now = Instant.now();
    return new JWTClaimsSet.Builder()
        .subject(user)
        .issuer(ISSUER)
        .claim("roles", roles)
        .expirationTime(Date.from(now.plusSeconds(600)));
  }

  private static String hs256(JWTClaimsSet claims) throws JOSEException {
    SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
    jwt.sign(new MACSigner(SECRET.getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  private static String rs256(JWTClaimsSet claims) throws JOSEException {
    SignedJWT jwt =
        new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("idp-1").build(), claims);
    jwt.sign(new RSASSASigner(idpKey));
    return jwt.serialize();
  }

  private static GodfsClient as(String token) {
    return cluster.client(Optional.of(token));
  }

  private static String refused(ErrorCode code, ThrowingCallable call) {
    Throwable thrown = catchThrowable(call);
    assertThat(thrown).isInstanceOf(DfsException.class);
    assertThat(((DfsException) thrown).code()).isEqualTo(code);
    return thrown.getMessage();
  }

  @Test
  void aTokensRolesDecideWhatItsUserMayDo() throws Exception {
    GodfsClient writer = as(hs256(claims("wendy", List.of("write")).build()));
    DfsPath report = DfsPath.of("/reports/q3.txt");
    writer.mkdir(report.parent(), true);
    writer.writeSmallFile(report, "figures".getBytes(), true);

    GodfsClient reader = as(rs256(claims("rita", List.of("read")).build()));
    try (SeekableInput in = reader.open(report)) {
      assertThat(in.readAllBytes()).isEqualTo("figures".getBytes());
    }
    assertThat(
            refused(
                ErrorCode.PERMISSION_DENIED,
                () -> reader.writeSmallFile(DfsPath.of("/reports/q4.txt"), new byte[1], false)))
        .contains("rita lacks 'write' on /reports/q4.txt (holds there: read)");
  }

  @Test
  void anExpiredForgedOrForeignTokenIsUnauthenticatedAndNeverEchoed() throws Exception {
    String expired =
        hs256(
            claims("rita", List.of("read"))
                .expirationTime(Date.from(Instant.now().minusSeconds(120)))
                .build());
    assertThat(refused(ErrorCode.UNAUTHENTICATED, () -> as(expired).stat(DfsPath.ROOT)))
        .contains("token expired at")
        .doesNotContain(expired);

    String foreign = hs256(claims("mallory", List.of("admin")).issuer("https://evil").build());
    assertThat(refused(ErrorCode.UNAUTHENTICATED, () -> as(foreign).stat(DfsPath.ROOT)))
        .contains("token issuer 'https://evil' is not the expected 'https://idp.example'");

    String good = rs256(claims("rita", List.of("read")).build());
    String[] parts = good.split("\\.");
    String escalated =
        parts[0]
            + "."
            + Base64URL.encode(claims("rita", List.of("admin")).build().toString())
            + "."
            + parts[2];
    assertThat(refused(ErrorCode.UNAUTHENTICATED, () -> as(escalated).stat(DfsPath.ROOT)))
        .contains("token signature does not verify");
    assertThat(catchThrowable(() -> as(good).stat(DfsPath.ROOT))).isNull();
  }
}
