package io.godfs.adapters.identity.ca;

import io.godfs.application.port.out.CertificateIssuer;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequest;

/**
 * The embedded CA's X.509 work with Bouncy Castle's certificate builders (a library only: the
 * signatures are the JDK's, no JCA provider is installed). EC P-256 keys and ECDSA with SHA-256, as
 * TLS 1.3 offers everywhere. Node certificates serve both ends of a connection (server and client
 * authentication), and their subject is what {@code CertificatePrincipals} reads: {@code
 * OU=chunkserver, CN=<node id>}, {@code OU=master, CN=<id>}, or {@code OU=client, CN=<user>}.
 */
public final class BouncyCastleIssuer implements CertificateIssuer {
  static final String SIGNATURE = "SHA256withECDSA";
  private final SecureRandom random = new SecureRandom();

  @Override
  public AuthorityKeys newAuthority(String name, Instant notBefore, Duration lifetime) {
    try {
      KeyPair pair = newKeyPair();
      X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  subject,
                  serial(),
                  Date.from(notBefore),
                  Date.from(notBefore.plus(lifetime)),
                  subject,
                  pair.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(pair.getPublic()));
      byte[] der = builder.build(signer(pair.getPrivate())).getEncoded();
      return new AuthorityKeys(pair.getPrivate().getEncoded(), der, notBefore);
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot make the certificate authority: " + e, e);
    }
  }

  @Override
  public Outcome<SigningRequest> read(byte[] request) {
    JcaPKCS10CertificationRequest csr;
    try {
      csr = new JcaPKCS10CertificationRequest(request);
    } catch (IOException | RuntimeException e) {
      return badRequest("the certificate signing request is not PKCS#10 DER");
    }
    try {
      PublicKey key = csr.getPublicKey();
      if (!csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key))) {
        return badRequest("the certificate signing request's signature does not verify");
      }
    } catch (GeneralSecurityException | OperatorCreationException | PKCSException e) {
      return badRequest("the certificate signing request cannot be checked: " + e.getMessage());
    }
    return Outcome.ok(
        new SigningRequest(request, commonName(csr.getSubject()), requestedNames(csr)));
  }

  @Override
  public byte[] issue(AuthorityKeys authority, SigningRequest request, Issue what) {
    try {
      JcaPKCS10CertificationRequest csr = new JcaPKCS10CertificationRequest(request.der());
      X509Certificate ca = certificate(authority.certificate());
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      PublicKey key = csr.getPublicKey();
      X509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
                  ca,
                  serial(),
                  Date.from(what.notBefore()),
                  Date.from(what.notAfter()),
                  Subjects.of(what.role(), what.name()),
                  key)
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
              .addExtension(
                  Extension.keyUsage,
                  true,
                  new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
              .addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(
                      new KeyPurposeId[] {
                        KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
                      }))
              .addExtension(
                  Extension.authorityKeyIdentifier, false, ext.createAuthorityKeyIdentifier(ca))
              .addExtension(
                  Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(key));
      if (!what.altNames().isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false, AltNames.of(what.altNames()));
      }
      return builder.build(signer(privateKey(authority))).getEncoded();
    } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
      throw new IllegalStateException("cannot sign a certificate: " + e, e);
    }
  }

  @Override
  public Outcome<Issued> readIssued(AuthorityKeys authority, byte[] certificate, Instant at) {
    X509Certificate cert;
    try {
      cert = certificate(certificate);
      cert.verify(certificate(authority.certificate()).getPublicKey());
    } catch (GeneralSecurityException | RuntimeException e) {
      return Outcome.rejected(
          ErrorCode.UNAUTHENTICATED,
          "the certificate presented was not issued by this cluster's certificate authority");
    }
    try {
      cert.checkValidity(Date.from(at));
    } catch (CertificateExpiredException | CertificateNotYetValidException e) {
      return Outcome.rejected(
          ErrorCode.UNAUTHENTICATED,
          "the certificate presented is not valid now (valid "
              + cert.getNotBefore().toInstant()
              + " to "
              + cert.getNotAfter().toInstant()
              + ")");
    }
    try {
      X509CertificateHolder holder = new X509CertificateHolder(certificate);
      Optional<Subjects.Named> named = Subjects.read(holder.getSubject());
      if (named.isEmpty()) {
        return Outcome.rejected(
            ErrorCode.UNAUTHENTICATED, "the certificate presented names no node or user");
      }
      return Outcome.ok(
          new Issued(
              named.get().role(),
              named.get().name(),
              AltNames.read(holder.getExtensions()),
              cert.getNotAfter().toInstant()));
    } catch (IOException e) {
      return Outcome.rejected(ErrorCode.UNAUTHENTICATED, "the certificate presented is unreadable");
    }
  }

  /** A new EC P-256 key pair (the CA's, or a node's own). */
  public static KeyPair newKeyPair() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"));
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("every JDK makes EC P-256 keys", e);
    }
  }

  static X509Certificate certificate(byte[] der) throws GeneralSecurityException {
    return new JcaX509CertificateConverter().getCertificate(holder(der));
  }

  private static X509CertificateHolder holder(byte[] der) throws GeneralSecurityException {
    try {
      return new X509CertificateHolder(der);
    } catch (IOException e) {
      throw new GeneralSecurityException("not an X.509 certificate", e);
    }
  }

  private static PrivateKey privateKey(AuthorityKeys authority) throws GeneralSecurityException {
    return KeyFactory.getInstance("EC")
        .generatePrivate(new PKCS8EncodedKeySpec(authority.privateKey()));
  }

  static ContentSigner signer(PrivateKey key) throws OperatorCreationException {
    return new JcaContentSignerBuilder(SIGNATURE).build(key);
  }

  /** 127 random bits: unique without a counter in the replicated state. */
  private BigInteger serial() {
    return new BigInteger(127, random).add(BigInteger.ONE);
  }

  private static Optional<String> commonName(X500Name subject) {
    RDN[] cns = subject.getRDNs(BCStyle.CN);
    return cns.length == 0
        ? Optional.empty()
        : Optional.of(IETFUtils.valueToString(cns[0].getFirst().getValue()));
  }

  /** The alternative names a request asks for, in its extension request attribute. */
  private static List<String> requestedNames(PKCS10CertificationRequest csr) {
    List<String> names = new ArrayList<>();
    for (Attribute a : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
      for (var value : a.getAttrValues()) {
        names.addAll(AltNames.read(Extensions.getInstance(value)));
      }
    }
    return names;
  }

  private static <T> Outcome<T> badRequest(String why) {
    return Outcome.rejected(ErrorCode.INVALID_ARGUMENT, why);
  }
}
