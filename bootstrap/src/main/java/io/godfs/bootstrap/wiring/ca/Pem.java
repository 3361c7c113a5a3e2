package io.godfs.bootstrap.wiring.ca;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;

/**
 * PEM text for keys and certificates, and the files that hold them (or any other secret): replaced
 * whole (a reader sees the old file or the new one, never half of one), and a key readable by its
 * owner only from the moment it exists.
 */
public final class Pem {
  private Pem() {}

  /** {@code der} as PEM of {@code type} ({@code CERTIFICATE}, {@code PRIVATE KEY}). */
  public static String encode(String type, byte[] der) {
    return "-----BEGIN "
        + type
        + "-----\n"
        + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
        + "\n-----END "
        + type
        + "-----\n";
  }

  /**
   * The DER of the first (or only) PEM block's body.
   *
   * @throws IllegalArgumentException when the text holds no PEM content or bad base64
   */
  public static byte[] decode(String pem) {
    String body = pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", "").replaceAll("\\s", "");
    if (body.isEmpty()) {
      throw new IllegalArgumentException("no PEM content");
    }
    return Base64.getDecoder().decode(body);
  }

  /**
   * Writes {@code content} to {@code target} through a temporary file moved over it; a {@code
   * secret} is created with mode 0600 before a byte is written (where the file system has modes).
   */
  public static void replace(Path target, String content, boolean secret) throws IOException {
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
}
