package io.godfs.adapters.grpc.tls;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** Trusted certificate authorities and the JDK's PKIX checks against them. */
record Authorities(List<X509Certificate> certificates, X509ExtendedTrustManager checks) {
  Authorities {
    certificates = List.copyOf(certificates);
  }

  /** From the PEM bytes of one or more CA bundles, each holding at least one certificate. */
  static Authorities parse(List<byte[]> bundles) {
    List<X509Certificate> all = new ArrayList<>();
    bundles.forEach(b -> all.addAll(PemFiles.certificates(b)));
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      for (int i = 0; i < all.size(); i++) {
        store.setCertificateEntry("ca-" + i, all.get(i));
      }
      TrustManagerFactory factory =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(store);
      for (TrustManager m : factory.getTrustManagers()) {
        if (m instanceof X509ExtendedTrustManager x509) {
          return new Authorities(all, x509);
        }
      }
      throw new IllegalStateException("the JDK offers no X.509 trust manager");
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException("CA certificates the JDK refuses: " + e.getMessage());
    }
  }
}
