package io.godfs.adapters.metadataratis;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.AuthorityState;
import io.godfs.domain.authority.JoinToken;
import io.godfs.domain.authority.NodeRole;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.Namespace;
import io.godfs.metadata.v1.SnapshotHeader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The certificate authority's state in the snapshot image (format 2), and format 1 still read. */
class SnapshotAuthorityTest {
  static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");

  @Test
  void theAuthorityRoundTripsBesideTheNamespace() throws IOException {
    Namespace namespace = Namespace.empty(T0);
    namespace.mkdir(DfsPath.of("/d"), false, T0);
    AuthorityKeys keys = new AuthorityKeys(new byte[] {1, 2, 3}, new byte[] {4, 5}, T0);
    List<JoinToken> tokens =
        List.of(
            new JoinToken(
                "0".repeat(64), NodeRole.CHUNKSERVER, Optional.of("cs-1"), T0, Optional.of(T0)),
            new JoinToken(
                "f".repeat(64),
                NodeRole.CLIENT,
                Optional.empty(),
                T0.plusSeconds(9),
                Optional.empty()));
    AuthorityState authority = AuthorityState.restore(Optional.of(keys), tokens);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotFormat.write(namespace, authority, new RememberedRequests(), 3, 42, out);

    SnapshotFormat.Loaded loaded = SnapshotFormat.read(new ByteArrayInputStream(out.toByteArray()));
    assertThat(loaded.authority().keys()).contains(keys);
    assertThat(loaded.authority().tokens()).isEqualTo(tokens);
    assertThat(loaded.namespace().fileCount()).isEqualTo(namespace.fileCount());
    assertThat(loaded.index()).isEqualTo(42);
  }

  @Test
  void aFormatOneSnapshotLoadsWithoutAnAuthority() throws IOException {
    ByteArrayOutputStream written = new ByteArrayOutputStream();
    SnapshotFormat.write(
        Namespace.empty(T0), AuthorityState.empty(), new RememberedRequests(), 1, 7, written);
    InputStream in = new ByteArrayInputStream(written.toByteArray());
    SnapshotHeader header = SnapshotHeader.parseDelimitedFrom(in);
    ByteArrayOutputStream old = new ByteArrayOutputStream();
    header.toBuilder().setFormat(1).build().writeDelimitedTo(old);
    in.transferTo(old);

    SnapshotFormat.Loaded loaded = SnapshotFormat.read(new ByteArrayInputStream(old.toByteArray()));
    assertThat(loaded.authority().keys()).isEmpty();
    assertThat(loaded.authority().tokens()).isEmpty();
    assertThat(loaded.index()).isEqualTo(7);
  }
}
