package io.godfs.bootstrap.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.grpc.tls.TestCertificates;
import io.godfs.adapters.grpc.tls.TestCertificates.Ca;
import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import io.godfs.adapters.grpc.tls.TlsManagers;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.bootstrap.config.ConfigException;
import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.GatewayConfig;
import io.godfs.bootstrap.config.Setting;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway configured by the seed's GODFS_REST_HTTPS_ENABLED and GODFS_REST_TLS_* serves HTTPS
 * to a real HTTPS client (the JDK's), and refuses plaintext, a client that does not trust its CA
 * and, with a client CA, a client without a certificate or with another CA's.
 */
class GatewayHttpsTest {
  @TempDir static Path pki;
  static Ca ca;
  static Ca otherCa;
  static Issued gateway;
  static Issued alice;
  static Issued stranger;

  GatewayNode node;

  @BeforeAll
  static void certificates() {
    ca = TestCertificates.newCa(pki.resolve("ca"), "cluster-ca");
    otherCa = TestCertificates.newCa(pki.resolve("other"), "other-ca");
    gateway = ca.issue("CN=gateway");
    alice = ca.issue("CN=alice");
    stranger = otherCa.issue("CN=alice");
  }

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
  }

  static Map<String, String> httpsEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("GODFS_REST_HTTPS_ENABLED", "1");
    env.put("GODFS_REST_TLS_CERT_FILE", gateway.chain().toString());
    env.put("GODFS_REST_TLS_KEY_FILE", gateway.key().toString());
    return env;
  }

  void start(Map<String, String> env) {
    env.put("GODFS_GATEWAY_LISTEN", "127.0.0.1:0");
    GatewayConfig config = new ConfigLoader(env).gateway(Map.of());
    node =
        GatewayNode.start(unusedFileSystem(), config.settings(), Clock.systemUTC(), config.https());
  }

  /** The requests here never reach the file system. */
  static FileSystemUseCase unusedFileSystem() {
    return (FileSystemUseCase)
        Proxy.newProxyInstance(
            FileSystemUseCase.class.getClassLoader(),
            new Class<?>[] {FileSystemUseCase.class},
            (proxy, method, args) -> {
              throw new UnsupportedOperationException(method.getName());
            });
  }

  HttpResponse<String> get(String scheme, SSLContext tls) throws Exception {
    try (HttpClient http =
        HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build()) {
      return http.send(
          HttpRequest.newBuilder(URI.create(scheme + "://127.0.0.1:" + node.port() + "/v1/health"))
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  static SSLContext trusting(Ca authority, Optional<Issued> identity) {
    return TestCertificates.clientContext(authority.certificate(), identity);
  }

  /**
   * A client that presents {@code identity} whatever CAs the server names (the JDK's own key
   * manager would offer none the server's CAs did not sign, which is not what an intruder does).
   */
  static SSLContext presenting(Issued identity) throws Exception {
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(
        new KeyManager[] {
          TlsManagers.presenting("test client", identity.files(), Optional.empty())
        },
        new TrustManager[] {TlsManagers.trusting(List.of(ca.certificate()), Optional.empty())},
        null);
    return context;
  }

  @Test
  void anHttpsClientTrustingTheGatewaysCaIsServed() throws Exception {
    start(httpsEnv());
    HttpResponse<String> answer = get("https", trusting(ca, Optional.empty()));
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answer.body()).contains("ok");
  }

  @Test
  void plainHttpToTheHttpsPortFails() {
    start(httpsEnv());
    assertThatThrownBy(() -> get("http", trusting(ca, Optional.empty())))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aClientTrustingAnotherCaRefusesTheGateway() {
    start(httpsEnv());
    assertThatThrownBy(() -> get("https", trusting(otherCa, Optional.empty())))
        .isInstanceOf(IOException.class);
  }

  @Test
  void withAClientCaOnlyClientsWithItsCertificatesAreServed() throws Exception {
    Map<String, String> env = httpsEnv();
    env.put("GODFS_REST_TLS_CA_FILE", ca.certificate().toString());
    start(env);
    assertThat(get("https", trusting(ca, Optional.of(alice))).statusCode()).isEqualTo(200);
    assertThatThrownBy(() -> get("https", trusting(ca, Optional.empty())))
        .as("no client certificate")
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> get("https", presenting(stranger)))
        .as("a client certificate of another CA")
        .isInstanceOf(IOException.class);
  }

  @Test
  void theNodesTlsCertificateIsTheDefaultAndAMissingOneStopsTheStart() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("GODFS_REST_HTTPS_ENABLED", "true");
    env.put("GODFS_TLS_CERT_FILE", gateway.chain().toString());
    env.put("GODFS_TLS_KEY_FILE", gateway.key().toString());
    start(env);
    assertThat(get("https", trusting(ca, Optional.empty())).statusCode()).isEqualTo(200);

    assertThatThrownBy(
            () -> new ConfigLoader(Map.of("GODFS_REST_HTTPS_ENABLED", "1")).gateway(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(Setting.GATEWAY_HTTPS_CERT_FILE.envNames().getFirst())
        .hasMessageContaining("GODFS_TLS_CERT_FILE");
  }

  @Test
  void aKeyThatIsNotTheCertificatesStopsTheStartNamingIt() {
    Map<String, String> env = httpsEnv();
    env.put("GODFS_REST_TLS_KEY_FILE", alice.key().toString());
    assertThatThrownBy(() -> new ConfigLoader(env).gateway(Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(alice.key().toString())
        .hasMessageContaining("does not belong");
  }
}
