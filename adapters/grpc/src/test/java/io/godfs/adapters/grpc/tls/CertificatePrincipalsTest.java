package io.godfs.adapters.grpc.tls;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.access.Principal;
import io.godfs.domain.node.NodeId;
import java.util.Optional;
import java.util.Set;
import javax.security.auth.x500.X500Principal;
import org.junit.jupiter.api.Test;

class CertificatePrincipalsTest {
  static Optional<Principal> of(String subject) {
    return CertificatePrincipals.of(new X500Principal(subject));
  }

  @Test
  void aChunkserverCertificateNamesItsNode() {
    assertThat(of("CN=chunk-1, OU=chunkserver, O=example"))
        .contains(new Principal.Chunkserver(new NodeId("chunk-1")));
  }

  @Test
  void aMasterCertificateNamesItsMaster() {
    assertThat(of("CN=m2,OU=Master")).contains(new Principal.Master("m2"));
  }

  @Test
  void anyOtherCertificateNamesAUserWithoutRoles() {
    assertThat(of("CN=alice,OU=eng,O=example"))
        .contains(Principal.user("alice", Set.of(), Set.of()));
    assertThat(of("CN=bob")).contains(Principal.user("bob", Set.of(), Set.of()));
  }

  @Test
  void aSubjectWithoutAUsableCommonNameNamesNoOne() {
    assertThat(of("OU=chunkserver,O=example")).isEmpty();
    assertThat(of("CN=bad/node,OU=chunkserver")).isEmpty();
  }
}
