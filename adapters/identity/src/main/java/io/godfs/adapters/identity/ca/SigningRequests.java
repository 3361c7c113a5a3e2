package io.godfs.adapters.identity.ca;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * A joining or renewing party's certificate signing request (PKCS#10, DER): its public key, the
 * name it asks for, and its host names and addresses, signed with its own key, which never leaves
 * it.
 */
public final class SigningRequests {
  private SigningRequests() {}

  public static byte[] build(KeyPair keys, Optional<String> commonName, List<String> altNames) {
    X500NameBuilder subject = new X500NameBuilder(BCStyle.INSTANCE);
    commonName.ifPresent(cn -> subject.addRDN(BCStyle.CN, cn));
    X500Name name = subject.build();
    try {
      PKCS10CertificationRequestBuilder builder =
          new JcaPKCS10CertificationRequestBuilder(name, keys.getPublic());
      if (!altNames.isEmpty()) {
        ExtensionsGenerator extensions = new ExtensionsGenerator();
        extensions.addExtension(Extension.subjectAlternativeName, false, AltNames.of(altNames));
        builder.addAttribute(
            PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate());
      }
      return builder.build(BouncyCastleIssuer.signer(keys.getPrivate())).getEncoded();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OperatorCreationException e) {
      throw new IllegalStateException("cannot sign a certificate request: " + e, e);
    }
  }
}
