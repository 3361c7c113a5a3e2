package io.godfs.bootstrap.wiring;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.bootstrap.config.GatewayHttps;
import io.godfs.bootstrap.wiring.ca.EmbeddedAuthority;
import io.godfs.bootstrap.wiring.ca.Enrolment;
import io.godfs.domain.authority.NodeRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The certificates of a secured dev cluster, issued in process by its masters' embedded CA and
 * renewed by themselves: one per chunkserver (serving and connecting as {@code
 * OU=chunkserver,CN=chunk-<n>}), one for the gateway's HTTPS, and the CA certificate clients trust,
 * copied to {@code <data>/security/ca.crt} (a dev master with its namespace in memory makes a new
 * CA at each start). Every certificate names {@code localhost} and {@code 127.0.0.1}.
 */
final class DevCertificates implements AutoCloseable {
  private static final List<String> NAMES = List.of("localhost", "127.0.0.1");
  private static final Duration RELOAD = Duration.ofSeconds(5);

  private final EmbeddedAuthority authority;
  private final Path folder;
  private final List<Enrolment.Enrolled> issued = new ArrayList<>();

  private DevCertificates(EmbeddedAuthority authority, Path folder) {
    this.authority = authority;
    this.folder = folder;
  }

  /** Waits for the masters' CA (made by the first leader), then issues from it. */
  static DevCertificates from(MasterNode master, Path securityFolder) {
    EmbeddedAuthority authority =
        master
            .certificateAuthority()
            .orElseThrow(() -> new IllegalStateException("the dev master holds no CA"));
    authority.awaitAuthority(Duration.ofMinutes(1));
    return new DevCertificates(authority, securityFolder.resolve("tls"));
  }

  /**
   * A chunkserver's TLS: it serves and connects with its own certificate; it asks its clients for
   * one but does not require it, since the master's chunk access tokens say what each may do.
   */
  GrpcTls chunkserver(String nodeId) {
    return issue(NodeRole.CHUNKSERVER, nodeId).tls().withOptionalClientCertificates();
  }

  /**
   * The TLS of the nodes' metrics listeners (ADR 0023): one certificate of the dev CA serves them
   * all (they are one process), and a scraper's certificate of the dev CA is verified when shown.
   */
  GrpcTls listener() {
    Enrolment.Enrolled listener = issue(NodeRole.CLIENT, "metrics");
    return new GrpcTls(
        Optional.of(
            new GrpcTls.KeyPairFiles(listener.files().certificate(), listener.files().key())),
        Optional.empty(),
        List.of(listener.files().authority()),
        Optional.of(RELOAD),
        true);
  }

  /** The gateway's HTTPS certificate. */
  GatewayHttps gateway() {
    Enrolment.Enrolled gateway = issue(NodeRole.CLIENT, "gateway");
    return new GatewayHttps(
        new GrpcTls.KeyPairFiles(gateway.files().certificate(), gateway.files().key()),
        Optional.empty(),
        Optional.of(RELOAD));
  }

  /** The CA certificate, at {@code <data>/security/ca.crt}: what clients trust. */
  Path authorityFile() {
    if (issued.isEmpty()) {
      throw new IllegalStateException("no certificate issued yet: the CA file comes with one");
    }
    Path target = folder.getParent().resolve("ca.crt");
    try {
      Files.copy(
          issued.getFirst().files().authority(), target, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy the CA certificate to " + target, e);
    }
    return target;
  }

  /** TLS for a client of this cluster: trusts its CA, presents no certificate. */
  static GrpcTls clientOf(Path authorityFile) {
    return new GrpcTls(
        Optional.empty(), Optional.empty(), List.of(authorityFile), Optional.of(RELOAD));
  }

  private Enrolment.Enrolled issue(NodeRole role, String name) {
    Enrolment.Enrolled enrolled = authority.issue(folder.resolve(name), role, name, NAMES, true);
    issued.add(enrolled);
    return enrolled;
  }

  @Override
  public void close() {
    issued.forEach(Enrolment.Enrolled::close);
  }
}
