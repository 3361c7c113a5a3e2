package io.godfs.adapters.rest;

import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * HTTPS on the gateway's port: TLS 1.3 or 1.2 (browsers, curl and HTTP libraries still offer 1.2;
 * nothing older), with the certificate and trusted CAs of {@code context} (a context whose managers
 * read their files again when they change rotates the certificate without a restart). With {@code
 * requireClientCertificate}, a client must present a certificate the context's trusted CAs verify
 * (the seed's {@code GODFS_REST_TLS_CA_FILE}), before any request is read.
 */
public record HttpsListener(SSLContext context, boolean requireClientCertificate) {
  /** The versions offered, newest first. */
  public static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  public HttpsListener {
    Objects.requireNonNull(context, "context");
  }
}
