package io.godfs.bootstrap.wiring.ca;

import io.godfs.domain.authority.AuthorityKeys;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Base64;
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
      byte[] der = fromPem(Files.readString(certificate, StandardCharsets.US_ASCII));
      X509Certificate parsed =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(der));
      if (parsed.getBasicConstraints() < 0) {
        throw new IllegalArgumentException(
            certificate + " is not a CA's certificate (a node's? give the CA's ca.crt)");
      }
      return new AuthorityKeys(
          fromPem(Files.readString(key, StandardCharsets.US_ASCII)),
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
      replace(dir.resolve(KEY), pem("PRIVATE KEY", authority.privateKey()), true);
      replace(dir.resolve(CERTIFICATE), pem("CERTIFICATE", authority.certificate()), false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the CA in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void replace(Path target, String content, boolean secret) throws IOException {
    Path tmp = target.resolveSibling(target.getFileName() + ".tmp");
    Files.deleteIfExists(tmp);
    if (secret) {
      try {
        Files.createFile(
            tmp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(tmp);
      }
    }
    Files.writeString(tmp, content, StandardCharsets.US_ASCII);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  private static byte[] fromPem(String pem) {
    String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    if (body.isEmpty()) {
      throw new IllegalArgumentException("no PEM content");
    }
    return Base64.getDecoder().decode(body);
  }
}
