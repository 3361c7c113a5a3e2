package io.godfs.adapters.grpc.tls;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM blocks of certificate and key files. Errors say what the file holds and what was
 * expected, never the bytes of a key.
 */
final class PemFiles {
  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);

  /** The key algorithms a PKCS#8 key may be in; the JDK names them so. */
  private static final List<String> KEY_ALGORITHMS = List.of("RSA", "EC", "Ed25519", "Ed448");

  private PemFiles() {}

  /** Every {@code CERTIFICATE} block, in order; at least one. */
  static List<X509Certificate> certificates(byte[] pem) {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Block block : blocks(pem)) {
        if (block.type().equals("CERTIFICATE")) {
          certificates.add(
              (X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der())));
        }
      }
    } catch (CertificateException e) {
      throw new IllegalArgumentException("a certificate that cannot be read: " + e.getMessage());
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(
          "no PEM certificate (expected: -----BEGIN CERTIFICATE----- blocks)");
    }
    return List.copyOf(certificates);
  }

  /** The one unencrypted PKCS#8 {@code PRIVATE KEY} block. */
  static PrivateKey privateKey(byte[] pem) {
    for (Block block : blocks(pem)) {
      switch (block.type()) {
        case "PRIVATE KEY" -> {
          return pkcs8(block.der());
        }
        case "ENCRYPTED PRIVATE KEY" ->
            throw new IllegalArgumentException(
                "an encrypted key (expected: an unencrypted PKCS#8 key; keep the file readable by"
                    + " goDFS only)");
        case "RSA PRIVATE KEY", "EC PRIVATE KEY" ->
            throw new IllegalArgumentException(
                "a "
                    + block.type()
                    + " (expected: PKCS#8 -----BEGIN PRIVATE KEY-----; convert it with openssl"
                    + " pkcs8 -topk8 -nocrypt)");
        default -> {
          // Certificates beside the key are allowed; keep looking.
        }
      }
    }
    throw new IllegalArgumentException(
        "no PEM private key (expected: -----BEGIN PRIVATE KEY-----, PKCS#8)");
  }

  private static PrivateKey pkcs8(byte[] der) {
    for (String algorithm : KEY_ALGORITHMS) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
      } catch (GeneralSecurityException | IllegalArgumentException notThisOne) {
        // The encoding names its algorithm; the factory of another one refuses it.
      }
    }
    throw new IllegalArgumentException(
        "a PKCS#8 key the JDK cannot read (expected: RSA, EC, Ed25519 or Ed448)");
  }

  private record Block(String type, byte[] der) {}

  private static List<Block> blocks(byte[] pem) {
    List<Block> blocks = new ArrayList<>();
    Matcher m = BLOCK.matcher(new String(pem, StandardCharsets.US_ASCII));
    while (m.find()) {
      try {
        blocks.add(new Block(m.group(1), Base64.getMimeDecoder().decode(m.group(2).strip())));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("a PEM " + m.group(1) + " block that is not base64");
      }
    }
    return blocks;
  }
}
