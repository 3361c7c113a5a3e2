package io.godfs.adapters.identity.ca;

import io.godfs.domain.authority.NodeRole;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * The subject a role dictates: {@code OU=<role>, CN=<name>}, the form the gRPC adapter's
 * certificate principals read (chunkserver and master units name nodes; any other is a user).
 */
final class Subjects {
  private Subjects() {}

  record Named(NodeRole role, String name) {}

  static X500Name of(NodeRole role, String name) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "goDFS")
        .addRDN(BCStyle.OU, role.label())
        .addRDN(BCStyle.CN, name)
        .build();
  }

  static Optional<Named> read(X500Name subject) {
    RDN[] cn = subject.getRDNs(BCStyle.CN);
    RDN[] ou = subject.getRDNs(BCStyle.OU);
    if (cn.length != 1 || ou.length != 1) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new Named(
              NodeRole.parse(IETFUtils.valueToString(ou[0].getFirst().getValue())),
              IETFUtils.valueToString(cn[0].getFirst().getValue())));
    } catch (IllegalArgumentException notARole) {
      return Optional.empty();
    }
  }
}
