package io.godfs.adapters.grpc.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What is wrong with a certificate or key file, for configuration checks before a start: each
 * answer names what the file holds and what was expected, never a key's bytes. Empty = usable.
 */
public final class TlsFileCheck {
  private TlsFileCheck() {}

  /** A PEM file of one or more certificates. */
  public static Optional<String> certificates(Path file) {
    return problem(file, bytes -> PemFiles.certificates(bytes));
  }

  /** A PEM file of an unencrypted PKCS#8 private key. */
  public static Optional<String> privateKey(Path file) {
    return problem(file, bytes -> PemFiles.privateKey(bytes));
  }

  /** A certificate chain whose first certificate belongs to the key of {@code keyFile}. */
  public static Optional<String> keyOf(Path chainFile, Path keyFile) {
    try {
      Identity.parse(Files.readAllBytes(chainFile), Files.readAllBytes(keyFile));
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot be read (" + e.getClass().getSimpleName() + ")");
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }

  private interface Parse {
    void apply(byte[] bytes);
  }

  private static Optional<String> problem(Path file, Parse parse) {
    try {
      parse.apply(Files.readAllBytes(file));
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of("cannot be read (" + e.getClass().getSimpleName() + ")");
    } catch (IllegalArgumentException e) {
      return Optional.of(e.getMessage());
    }
  }
}
