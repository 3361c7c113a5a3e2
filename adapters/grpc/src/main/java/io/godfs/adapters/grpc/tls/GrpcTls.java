package io.godfs.adapters.grpc.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * TLS on gRPC connections, as PEM files (the seed's {@code GODFS_TLS_*}): what a server presents,
 * what a client presents (mutual TLS), and the certificate authorities trusted. A server with
 * trusted authorities requires and verifies a client certificate; a client verifies the server
 * against them. TLS 1.3 only. Files hold certificates and PKCS#8 keys (RSA, EC or EdDSA), never
 * passwords; with {@code reloadEvery} they are read again when they change, checked at most that
 * often, so new connections use new certificates without a restart.
 *
 * @param server the certificate chain and key a server presents; needed to listen with TLS
 * @param client the certificate chain and key a client presents (mutual TLS), if any
 * @param trustedAuthorities PEM bundles of trusted CA certificates (the CA file and an extra one)
 * @param reloadEvery how often the files may be checked for changes; empty = read once
 * @param clientCertificateOptional a server verifies a client certificate when one is presented but
 *     lets a client without one in (a master with the embedded CA: a joining party has none yet,
 *     and the master's authentication refuses calls without a credential); a certificate the
 *     trusted authorities do not verify is refused at the handshake all the same
 */
public record GrpcTls(
    Optional<KeyPairFiles> server,
    Optional<KeyPairFiles> client,
    List<Path> trustedAuthorities,
    Optional<Duration> reloadEvery,
    boolean clientCertificateOptional) {

  /** A certificate chain (leaf first) and its private key, each a PEM file. */
  public record KeyPairFiles(Path certificateChain, Path privateKey) {
    public KeyPairFiles {
      Objects.requireNonNull(certificateChain, "certificateChain");
      Objects.requireNonNull(privateKey, "privateKey");
    }
  }

  public GrpcTls {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(client, "client");
    trustedAuthorities = List.copyOf(trustedAuthorities);
    Objects.requireNonNull(reloadEvery, "reloadEvery");
    reloadEvery.ifPresent(
        d -> {
          if (d.isNegative()) {
            throw new IllegalArgumentException("reloadEvery : " + d + " (expected: >= 0)");
          }
        });
  }

  /** Client certificates required where authorities are trusted. */
  public GrpcTls(
      Optional<KeyPairFiles> server,
      Optional<KeyPairFiles> client,
      List<Path> trustedAuthorities,
      Optional<Duration> reloadEvery) {
    this(server, client, trustedAuthorities, reloadEvery, false);
  }

  /** The same, letting clients without a certificate reach the server's authentication. */
  public GrpcTls withOptionalClientCertificates() {
    return new GrpcTls(server, client, trustedAuthorities, reloadEvery, true);
  }

  /** Whether a server built from this verifies client certificates (mutual TLS). */
  public boolean verifiesClients() {
    return !trustedAuthorities.isEmpty();
  }
}
