package io.godfs.adapters.identity.ca;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;

/**
 * Subject alternative names as text: a host name is a DNS name, an IPv4 or IPv6 literal an IP
 * address (what a TLS client checks a server's host name against).
 */
final class AltNames {
  private AltNames() {}

  static GeneralNames of(List<String> names) {
    return new GeneralNames(
        names.stream()
            .map(
                n ->
                    isIpLiteral(n)
                        ? new GeneralName(GeneralName.iPAddress, n)
                        : new GeneralName(GeneralName.dNSName, n))
            .toArray(GeneralName[]::new));
  }

  static List<String> read(Extensions extensions) {
    List<String> out = new ArrayList<>();
    if (extensions == null) {
      return out;
    }
    GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
    if (names == null) {
      return out;
    }
    for (GeneralName n : names.getNames()) {
      switch (n.getTagNo()) {
        case GeneralName.dNSName -> out.add(n.getName().toString());
        case GeneralName.iPAddress -> out.add(ip(ASN1OctetString.getInstance(n.getName())));
        default -> {
          // Other kinds (e-mail, URI) are not asked for and not copied.
        }
      }
    }
    return out;
  }

  static boolean isIpLiteral(String name) {
    return name.contains(":") || name.matches("[0-9.]+");
  }

  private static String ip(ASN1OctetString octets) {
    try {
      return InetAddress.getByAddress(octets.getOctets()).getHostAddress();
    } catch (UnknownHostException e) {
      return "";
    }
  }
}
