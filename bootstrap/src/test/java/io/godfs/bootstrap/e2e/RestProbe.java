package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import io.godfs.adapters.grpc.tls.TlsManagers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/** HTTPS calls to the gateway with a client certificate of the cluster CA, and a bearer or none. */
final class RestProbe {
  private final String base;
  private final SSLContext tls;

  RestProbe(int port, Path ca, Issued certificate) {
    this.base = "https://127.0.0.1:" + port;
    this.tls = context(ca, Optional.of(certificate));
  }

  static SSLContext context(Path ca, Optional<Issued> certificate) {
    try {
      SSLContext context = SSLContext.getInstance("TLSv1.3");
      context.init(
          certificate
              .map(
                  c ->
                      new KeyManager[] {
                        TlsManagers.presenting("rest probe", c.files(), Optional.empty())
                      })
              .orElse(new KeyManager[0]),
          new TrustManager[] {TlsManagers.trusting(List.of(ca), Optional.empty())},
          null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  HttpResponse<String> stat(String bearer) throws Exception {
    return send(request("/v1/fs/stat?path=/matrix", bearer).GET().build());
  }

  HttpResponse<String> mkdir(String bearer, String path) throws Exception {
    return send(
        request("/v1/fs/mkdir", bearer)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"path\":\"" + path + "\"}"))
            .build());
  }

  private HttpRequest.Builder request(String path, String bearer) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return b;
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    try (HttpClient http =
        HttpClient.newBuilder().sslContext(tls).connectTimeout(Duration.ofSeconds(5)).build()) {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  /** A JSON error of {@code status} whose code and message say why, holding no stack trace. */
  void assertError(HttpResponse<String> res, int status, String code, String reason) {
    assertThat(res.statusCode()).as(res.body()).isEqualTo(status);
    assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(res.body())
        .contains("\"code\":\"" + code + "\"")
        .contains(reason)
        .doesNotContain("Exception");
  }
}
