package io.godfs.adapters.grpc.tls;

import io.godfs.domain.access.Principal;
import io.godfs.domain.node.NodeId;
import java.security.cert.X509Certificate;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.security.auth.x500.X500Principal;

/**
 * Who a verified client certificate names: its subject's {@code OU} says what kind of caller and
 * its {@code CN} which one. {@code OU=chunkserver, CN=<node id>} is that chunkserver, {@code
 * OU=master, CN=<id>} that master, anything else the user its CN names (with no roles: what it may
 * do comes from the access rules' grants to that name).
 */
public final class CertificatePrincipals {
  public static final String CHUNKSERVER_UNIT = "chunkserver";
  public static final String MASTER_UNIT = "master";

  private CertificatePrincipals() {}

  /**
   * The principal of {@code certificate}; empty when its subject has no usable common name (the
   * caller then counts as presenting no credential).
   */
  public static Optional<Principal> of(X509Certificate certificate) {
    return of(certificate.getSubjectX500Principal());
  }

  static Optional<Principal> of(X500Principal subject) {
    String cn = null;
    Set<String> units;
    try {
      LdapName name = new LdapName(subject.getName(X500Principal.RFC2253));
      Set<String> found = new HashSet<>();
      for (Rdn rdn : name.getRdns()) {
        String type = rdn.getType().toUpperCase(Locale.ROOT);
        String value = String.valueOf(rdn.getValue()).strip();
        if (type.equals("CN") && cn == null) {
          cn = value;
        } else if (type.equals("OU")) {
          found.add(value.toLowerCase(Locale.ROOT));
        }
      }
      units = found;
    } catch (InvalidNameException e) {
      return Optional.empty();
    }
    if (cn == null || cn.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (units.contains(CHUNKSERVER_UNIT)) {
        return Optional.of(new Principal.Chunkserver(new NodeId(cn)));
      }
      if (units.contains(MASTER_UNIT)) {
        return Optional.of(new Principal.Master(cn));
      }
      return Optional.of(Principal.user(cn, Set.of(), Set.of()));
    } catch (IllegalArgumentException badName) {
      return Optional.empty();
    }
  }
}
