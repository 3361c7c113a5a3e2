package io.godfs.adapters.grpc.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * What a client is told when a TLS handshake fails, from the exceptions the JDK's TLS and BoringSSL
 * throw.
 */
class TlsRefusalsTest {
  static Status failed(String jdkMessage) {
    return Status.UNAVAILABLE
        .withDescription("ssl exception")
        .withCause(new RuntimeException(new SSLHandshakeException(jdkMessage)));
  }

  @Test
  void aServerThatRefusesTheClientCertificateIsUnauthenticatedAndSaysSo() {
    Status explained =
        TlsRefusals.explain(
            failed("(certificate_unknown) Received fatal alert: certificate_unknown"), "m1:9090");
    assertThat(explained.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(explained.getDescription())
        .isEqualTo(
            "the server m1:9090 refused this client's TLS certificate (alert"
                + " certificate_unknown): it is not signed by a CA the server trusts, has expired,"
                + " or is not for client use");
  }

  @Test
  void aServerThatRequiresACertificateNoneWasPresentedForSaysWhichSettings() {
    Status explained =
        TlsRefusals.explain(
            failed("(certificate_required) Received fatal alert: certificate_required"), "m1:9090");
    assertThat(explained.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(explained.getDescription())
        .contains("requires a client certificate")
        .contains("GODFS_TLS_CLIENT_CERT_FILE");
  }

  @Test
  void aServerCertificateThisClientDoesNotTrustStaysUnavailableAndIsNamed() {
    Status explained =
        TlsRefusals.explain(
            failed("PKIX path building failed: unable to find valid certification path"),
            "m1:9090");
    assertThat(explained.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(explained.getDescription())
        .contains("does not accept the TLS certificate of the server m1:9090")
        .contains("PKIX path building failed");
  }

  @Test
  void boringSslAlertsReadTheSame() {
    Status unknownCa =
        TlsRefusals.explain(
            failed("error:10000418:SSL routines:OPENSSL_internal:TLSV1_ALERT_UNKNOWN_CA"),
            "m1:9090");
    assertThat(unknownCa.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(unknownCa.getDescription()).contains("(alert unknown_ca)");
    Status required =
        TlsRefusals.explain(
            failed("error:1000045c:SSL routines:OPENSSL_internal:TLSV1_ALERT_CERTIFICATE_REQUIRED"),
            "m1:9090");
    assertThat(required.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(required.getDescription()).contains("requires a client certificate");
    Status untrusted =
        TlsRefusals.explain(
            failed("error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED"),
            "m1:9090");
    assertThat(untrusted.getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    assertThat(untrusted.getDescription()).contains("does not accept the TLS certificate");
  }

  @Test
  void otherFailuresAreLeftAlone() {
    Status refused = Status.UNAVAILABLE.withDescription("io exception");
    assertThat(TlsRefusals.explain(refused, "m1:9090")).isSameAs(refused);
    Status deadline = Status.DEADLINE_EXCEEDED;
    assertThat(TlsRefusals.explain(deadline, "m1:9090")).isSameAs(deadline);
  }
}
