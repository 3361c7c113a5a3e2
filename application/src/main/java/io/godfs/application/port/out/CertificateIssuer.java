package io.godfs.application.port.out;

import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.NodeRole;
import io.godfs.domain.error.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * X.509 for the embedded certificate authority: makes the CA, reads certificate signing requests,
 * signs certificates, and reads back certificates it signed. The JDK has no public API to issue a
 * certificate; an adapter does it with a kept library.
 */
public interface CertificateIssuer {

  /** A new CA: an EC P-256 key and a self-signed root certificate named {@code name}. */
  AuthorityKeys newAuthority(String name, Instant notBefore, Duration lifetime);

  /**
   * Reads a PKCS#10 request (DER) and checks that it is signed by the key it carries (the requester
   * holds that key). Refused (INVALID_ARGUMENT) naming what is wrong.
   */
  Outcome<SigningRequest> read(byte[] request);

  /** Signs a certificate for the request's key, with the subject and names given (not its own). */
  byte[] issue(AuthorityKeys authority, SigningRequest request, Issue what);

  /**
   * Reads a certificate (DER) this CA signed and that is valid at {@code at}: refused
   * (UNAUTHENTICATED) when another CA signed it or it expired.
   */
  Outcome<Issued> readIssued(AuthorityKeys authority, byte[] certificate, Instant at);

  /** A request: its DER bytes, the common name it asks for and its alternative names. */
  record SigningRequest(byte[] der, Optional<String> commonName, List<String> altNames) {
    public SigningRequest {
      Objects.requireNonNull(der, "der");
      Objects.requireNonNull(commonName, "commonName");
      altNames = List.copyOf(altNames);
    }
  }

  /**
   * What to put in a certificate: the subject the role dictates, the alternative names (DNS names
   * and IP addresses), and the validity.
   */
  record Issue(
      NodeRole role, String name, List<String> altNames, Instant notBefore, Instant notAfter) {
    public Issue {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(name, "name");
      altNames = List.copyOf(altNames);
      Objects.requireNonNull(notBefore, "notBefore");
      Objects.requireNonNull(notAfter, "notAfter");
    }
  }

  /** A certificate this CA signed: its subject's role and name, its names, when it expires. */
  record Issued(NodeRole role, String name, List<String> altNames, Instant notAfter) {
    public Issued {
      Objects.requireNonNull(role, "role");
      Objects.requireNonNull(name, "name");
      altNames = List.copyOf(altNames);
      Objects.requireNonNull(notAfter, "notAfter");
    }
  }
}
