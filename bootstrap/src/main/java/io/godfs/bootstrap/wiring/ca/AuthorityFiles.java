package io.godfs.bootstrap.wiring.ca;

import io.godfs.domain.authority.AuthorityKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * The CA's key and certificate as PEM files ({@code ca.key}, PKCS#8, mode 0600, and {@code
 * ca.crt}): the CA an operator made for a new group of masters ({@code godfs admin certs create}
 * makes this layout), and the copy a master with the embedded CA keeps in its Raft directory's
 * {@code security/} so that it can sign its own Raft certificate before Raft starts (the same key
 * lies in that directory's log and snapshots already).
 */
public final class AuthorityFiles {
  public static final String KEY = "ca.key";
  public static final String CERTIFICATE = "ca.crt";

  private AuthorityFiles() {}

  /**
   * Reads a CA from its files.
   *
   * @throws IllegalArgumentException naming the file that is missing or is not a CA's
   */
  public static AuthorityKeys read(Path key, Path certificate) {
    try {
      byte[] der = Pem.decode(Files.readString(certificate, StandardCharsets.US_ASCII));
      X509Certificate parsed =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
      if (parsed.getBasicConstraints() < 0) {
        throw new IllegalArgumentException(
            certificate + " is not a CA's certificate (a node's? give the CA's ca.crt)");
      }
      return new AuthorityKeys(
          Pem.decode(Files.readString(key, StandardCharsets.US_ASCII)),
          der,
          parsed.getNotBefore().toInstant());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the CA's files: " + e.getMessage(), e);
    } catch (CertificateException | ClassCastException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "cannot read the CA from " + certificate + " and " + key + ": " + e.getMessage(), e);
    }
  }

  /** The CA kept in {@code dir}, when both files are there. */
  public static Optional<AuthorityKeys> kept(Path dir) {
    if (!Files.isRegularFile(dir.resolve(KEY)) || !Files.isRegularFile(dir.resolve(CERTIFICATE))) {
      return Optional.empty();
    }
    return Optional.of(read(dir.resolve(KEY), dir.resolve(CERTIFICATE)));
  }

  /** Keeps {@code authority} in {@code dir} (0700), its key 0600; each file replaced atomically. */
  public static void keep(Path dir, AuthorityKeys authority) {
    try {
      if (!Files.isDirectory(dir)) {
        try {
          Files.createDirectories(
              dir,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
          Files.createDirectories(dir);
        }
      }
      Pem.replace(dir.resolve(KEY), Pem.encode("PRIVATE KEY", authority.privateKey()), true);
      Pem.replace(
          dir.resolve(CERTIFICATE), Pem.encode("CERTIFICATE", authority.certificate()), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the CA in " + dir + ": " + e.getMessage(), e);
    }
  }
}
