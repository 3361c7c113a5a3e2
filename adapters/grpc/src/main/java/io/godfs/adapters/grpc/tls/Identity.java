package io.godfs.adapters.grpc.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A certificate chain (leaf first) and the private key of its leaf, checked to belong together: a
 * half-done rotation (a new certificate beside the old key) is refused rather than served.
 */
record Identity(PrivateKey key, List<X509Certificate> chain) {
  Identity {
    chain = List.copyOf(chain);
  }

  /** From the PEM bytes of a certificate file and a key file. */
  static Identity parse(byte[] certificatePem, byte[] keyPem) {
    List<X509Certificate> chain = PemFiles.certificates(certificatePem);
    PrivateKey key = PemFiles.privateKey(keyPem);
    if (!signsFor(key, chain.getFirst())) {
      throw new IllegalArgumentException(
          "the private key does not belong to the certificate "
              + chain.getFirst().getSubjectX500Principal().getName()
              + " (expected: the key of the first certificate of the chain)");
    }
    return new Identity(key, chain);
  }

  X509Certificate[] chainArray() {
    return chain.toArray(X509Certificate[]::new);
  }

  /** Whether {@code key} is the key of {@code certificate}: a signature it makes verifies. */
  private static boolean signsFor(PrivateKey key, X509Certificate certificate) {
    String algorithm =
        switch (key.getAlgorithm()) {
          case "RSA" -> "SHA256withRSA";
          case "EC" -> "SHA256withECDSA";
          default -> key.getAlgorithm(); // Ed25519, Ed448, EdDSA sign their message whole
        };
    byte[] probe = "goDFS key check".getBytes(StandardCharsets.US_ASCII);
    try {
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(key);
      signer.update(probe);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(certificate.getPublicKey());
      verifier.update(probe);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }
}
