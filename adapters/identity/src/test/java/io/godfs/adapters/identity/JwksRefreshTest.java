package io.godfs.adapters.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.sun.net.httpserver.HttpServer;
import io.godfs.application.port.out.CredentialVerifier.Verdict;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A JWK set served by an identity provider over HTTP: rotation, refresh, rate limit, outages. */
class JwksRefreshTest {
  private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");

  private final MutableClock clock = new MutableClock(NOW);
  private final AtomicReference<String> published = new AtomicReference<>();
  private final AtomicInteger status = new AtomicInteger(200);
  private final AtomicInteger fetches = new AtomicInteger();
  private HttpServer idp;
  private String url;
  private RSAKey first;

  @BeforeEach
  void startIdentityProvider() throws IOException {
    first = Tokens.rsaKey("2026-11");
    published.set(Tokens.jwks(first));
    idp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    idp.createContext(
        "/.well-known/jwks.json",
        exchange -> {
          fetches.incrementAndGet();
          byte[] body = published.get().getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status.get(), body.length);
          try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
          }
        });
    idp.start();
    url = "http://127.0.0.1:" + idp.getAddress().getPort() + "/.well-known/jwks.json";
  }

  @AfterEach
  void stopIdentityProvider() {
    idp.stop(0);
  }

  private JwtVerifier verifier() {
    return JwtVerifier.create(
        JwtSettings.jwks(url).withJwksRefresh(Duration.ofMinutes(5)), Set.of(), clock);
  }

  private static JWTClaimsSet alice() {
    return Tokens.claims("alice", NOW).build();
  }

  @Test
  void aRotatedKeyIsFetchedWhenATokenNamesItButNotMoreThanOnceInTheInterval() {
    JwtVerifier verifier = verifier();
    assertThat(verifier.verify(Tokens.rs256(first, alice()))).isInstanceOf(Verdict.Accepted.class);
    assertThat(fetches).hasValue(1);

    RSAKey second = Tokens.rsaKey("2026-12");
    published.set(Tokens.jwks(first, second));
    String signedWithTheNewKey = Tokens.rs256(second, alice());
    // Just read: asking again at once would let a flood of made-up kids hammer the provider.
    assertThat(verifier.verify(signedWithTheNewKey))
        .isEqualTo(new Verdict.Refused("no key with kid '2026-12' in the JWKS from " + url));
    assertThat(fetches).hasValue(1);

    clock.advance(JwksSource.MIN_FETCH_INTERVAL);
    assertThat(verifier.verify(signedWithTheNewKey)).isInstanceOf(Verdict.Accepted.class);
    assertThat(fetches).hasValue(2);
    for (int i = 0; i < 100; i++) {
      assertThat(verifier.verify(Tokens.rs256(Tokens.rsaKey("made-up-" + (i % 3)), alice())))
          .isInstanceOf(Verdict.Refused.class);
    }
    assertThat(fetches).hasValue(2);
  }

  @Test
  void theKeysAreReadAgainAfterTheRefreshIntervalAndAFailedReadKeepsThem() {
    JwtVerifier verifier = verifier();
    String token = Tokens.rs256(first, alice());

    status.set(500);
    clock.advance(Duration.ofMinutes(5));
    assertThat(verifier.verify(token)).isInstanceOf(Verdict.Accepted.class);
    assertThat(fetches).hasValue(2);

    // The provider is back and has retired the first key.
    status.set(200);
    published.set(Tokens.jwks(Tokens.rsaKey("2027-01")));
    clock.advance(JwksSource.MIN_FETCH_INTERVAL);
    assertThat(verifier.verify(token))
        .isEqualTo(new Verdict.Refused("no key with kid '2026-11' in the JWKS from " + url));
    assertThat(fetches).hasValue(3);
  }

  @Test
  void aProviderDownAtStartDoesNotStopItAndIsAskedAgainLater() {
    status.set(503);
    JwtVerifier verifier = verifier();
    String token = Tokens.rs256(first, alice());
    assertThat(verifier.verify(token)).isInstanceOf(Verdict.Refused.class);

    status.set(200);
    clock.advance(JwksSource.MIN_FETCH_INTERVAL);
    assertThat(verifier.verify(token)).isInstanceOf(Verdict.Accepted.class);
  }
}
