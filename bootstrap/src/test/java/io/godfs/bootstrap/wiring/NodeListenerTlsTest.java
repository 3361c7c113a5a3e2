package io.godfs.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TestCertificates;
import io.godfs.adapters.grpc.tls.TestCertificates.Ca;
import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import io.godfs.adapters.grpc.tls.TlsManagers;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The health listener of a node that runs TLS serves HTTPS with the node's certificate, and nothing
 * in plaintext; a client certificate of another CA is refused, none is needed (probes) unless
 * GODFS_HEALTH_CLIENT_CERT=required.
 */
class NodeListenerTlsTest {
  @TempDir static Path pki;
  static Ca ca;
  static Ca otherCa;
  static Issued node;
  static Issued stranger;
  static Issued member;

  NodeListener endpoint;

  @BeforeAll
  static void certificates() {
    ca = TestCertificates.newCa(pki.resolve("ca"), "cluster-ca");
    otherCa = TestCertificates.newCa(pki.resolve("other"), "other-ca");
    node = ca.issue("CN=m1,OU=master");
    member = ca.issue("CN=monitor");
    stranger = otherCa.issue("CN=monitor");
  }

  @BeforeEach
  void start() {
    endpoint =
        NodeListener.start(
            "127.0.0.1", 0, Optional::empty, nodeTls(node, List.of(ca.certificate())));
  }

  @AfterEach
  void stop() {
    endpoint.close();
  }

  /** A node's TLS: its certificate, {@code trusted} CAs (none: no client certificates asked). */
  static Optional<GrpcTls> nodeTls(Issued node, List<Path> trusted) {
    return Optional.of(
        new GrpcTls(
            Optional.of(node.files()),
            Optional.empty(),
            trusted,
            Optional.of(Duration.ofSeconds(1))));
  }

  HttpResponse<String> get(String scheme, SSLContext tls) throws Exception {
    try (HttpClient http =
        HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build()) {
      return http.send(
          HttpRequest.newBuilder(
                  URI.create(scheme + "://127.0.0.1:" + endpoint.port() + "/health/ready"))
              .timeout(Duration.ofSeconds(5))
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }
  }

  @Test
  void aProbeOverHttpsTrustingTheClusterCaIsAnswered() throws Exception {
    HttpResponse<String> ready =
        get("https", TestCertificates.clientContext(ca.certificate(), Optional.empty()));
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(
            get("https", TestCertificates.clientContext(ca.certificate(), Optional.of(member)))
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void plainHttpIsNotServed() {
    assertThatThrownBy(
            () -> get("http", TestCertificates.clientContext(ca.certificate(), Optional.empty())))
        .isInstanceOf(IOException.class);
  }

  @Test
  void aClientCertificateOfAnotherCaIsRefusedInTheHandshake() {
    assertThatThrownBy(() -> get("https", presenting(stranger))).isInstanceOf(IOException.class);
  }

  /**
   * A client that presents {@code identity} whatever CAs the server names (the JDK's own key
   * manager would offer none the server's CAs did not sign, which is not what an intruder does).
   */
  static SSLContext presenting(Issued identity) throws Exception {
    return presenting(identity, ca.certificate());
  }

  /** As {@link #presenting(Issued)}, trusting the CA of {@code trusted}. */
  static SSLContext presenting(Issued identity, Path trusted) throws Exception {
    SSLContext context = SSLContext.getInstance("TLSv1.3");
    context.init(
        new KeyManager[] {
          TlsManagers.presenting("test client", identity.files(), Optional.empty())
        },
        new TrustManager[] {TlsManagers.trusting(List.of(trusted), Optional.empty())},
        null);
    return context;
  }

  @Test
  void withClientCertificatesRequiredAProbeWithoutOneIsRefusedAndAMemberIsAnswered()
      throws Exception {
    endpoint.close();
    endpoint =
        NodeListener.start(
            "127.0.0.1", 0, Optional::empty, nodeTls(node, List.of(ca.certificate())), true);
    assertThatThrownBy(
            () -> get("https", TestCertificates.clientContext(ca.certificate(), Optional.empty())))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> get("https", presenting(stranger))).isInstanceOf(IOException.class);
    assertThat(get("https", presenting(member)).statusCode()).isEqualTo(200);
  }

  @Test
  void requiringClientCertificatesWithoutACaFileStopsTheStartNamingTheSettings() {
    assertThatThrownBy(
            () ->
                NodeListener.start(
                    "127.0.0.1",
                    0,
                    Optional::empty,
                    Optional.of(
                        new GrpcTls(
                            Optional.of(node.files()),
                            Optional.empty(),
                            List.of(),
                            Optional.empty())),
                    true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("GODFS_HEALTH_CLIENT_CERT=required")
        .hasMessageContaining("GODFS_TLS_CA_FILE");
    assertThatThrownBy(
            () -> NodeListener.start("127.0.0.1", 0, Optional::empty, Optional.empty(), true))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aClientThatTrustsAnotherCaRefusesTheNode() {
    assertThatThrownBy(
            () ->
                get(
                    "https",
                    TestCertificates.clientContext(otherCa.certificate(), Optional.empty())))
        .isInstanceOf(IOException.class);
  }
}
