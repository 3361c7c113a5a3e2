package io.godfs.bootstrap.wiring.ca;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.application.port.in.CertificateAuthorityUseCase.SignedCertificate;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A node's certificate, key and CA bundle as PEM files in one directory (of its data directory),
 * where its reloading TLS reads them: {@code node.crt} (its certificate, then the CA's), {@code
 * node.key} (PKCS#8, mode 0600, made on the node and never sent) and {@code ca.crt}. Each file is
 * replaced atomically (written beside, then moved), so a reload never reads half a file; a reload
 * between the key and the certificate sees a pair that does not match and keeps the previous one
 * until both are new.
 */
public final class CertificateFiles {
  public static final String CERTIFICATE = "node.crt";
  public static final String KEY = "node.key";
  public static final String AUTHORITY = "ca.crt";

  private final Path dir;

  public CertificateFiles(Path dir) {
    this.dir = dir;
  }

  public Path dir() {
    return dir;
  }

  public Path certificate() {
    return dir.resolve(CERTIFICATE);
  }

  public Path key() {
    return dir.resolve(KEY);
  }

  public Path authority() {
    return dir.resolve(AUTHORITY);
  }

  /** Writes a newly signed certificate and its key. */
  public void write(SignedCertificate signed, PrivateKey key) {
    try {
      Files.createDirectories(dir);
      Pem.replace(key(), Pem.encode("PRIVATE KEY", key.getEncoded()), true);
      Pem.replace(authority(), Pem.encode("CERTIFICATE", signed.authority()), false);
      Pem.replace(
          certificate(),
          Pem.encode("CERTIFICATE", signed.certificate())
              + Pem.encode("CERTIFICATE", signed.authority()),
          false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the node certificate into " + dir, e);
    }
  }

  /** The node's current certificate, when the directory has one. */
  public Optional<X509Certificate> current() {
    if (!Files.isRegularFile(certificate()) || !Files.isRegularFile(key())) {
      return Optional.empty();
    }
    try (InputStream in = Files.newInputStream(certificate())) {
      return Optional.of(
          (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
    } catch (IOException | CertificateException | ClassCastException e) {
      return Optional.empty();
    }
  }

  /** Whether the current certificate is still valid at {@code at}. */
  public boolean validAt(Instant at) {
    return current().map(c -> c.getNotAfter().toInstant().isAfter(at)).orElse(false);
  }

  /**
   * TLS from these files: the node's certificate as server and client, the CA as the one trusted,
   * read again when they change (checked every {@code reloadEvery}).
   */
  public GrpcTls tls(boolean serves, Duration reloadEvery) {
    GrpcTls.KeyPairFiles own = new GrpcTls.KeyPairFiles(certificate(), key());
    return new GrpcTls(
        serves ? Optional.of(own) : Optional.empty(),
        Optional.of(own),
        List.of(authority()),
        Optional.of(reloadEvery));
  }

  /** The DER of the current certificate (tests, renewal checks). */
  static X509Certificate parse(byte[] der) {
    try {
      return (X509Certificate)
          CertificateFactory.getInstance("X.509")
              .generateCertificate(new ByteArrayInputStream(der));
    } catch (CertificateException e) {
      throw new IllegalArgumentException("not a certificate", e);
    }
  }
}
