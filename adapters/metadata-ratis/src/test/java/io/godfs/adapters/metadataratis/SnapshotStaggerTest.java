package io.godfs.adapters.metadataratis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotStaggerTest {
  static final List<MasterPeer> GROUP =
      List.of(
          new MasterPeer("m2", "127.0.0.1:9202", "127.0.0.1:9002"),
          new MasterPeer("m1", "127.0.0.1:9201", "127.0.0.1:9001"),
          new MasterPeer("m3", "127.0.0.1:9203", "127.0.0.1:9003"));

  private static long threshold(MasterPeer self, List<MasterPeer> peers) {
    return RatisSettings.of(self, peers, Path.of("/unused"), false).snapshotThreshold();
  }

  @Test
  void threeMastersSnapshotAtThreeDifferentIndexesWhateverOrderThePeersAreListedIn() {
    assertThat(threshold(GROUP.get(1), GROUP)).isEqualTo(100_000); // m1
    assertThat(threshold(GROUP.get(0), GROUP)).isEqualTo(116_666); // m2
    assertThat(threshold(GROUP.get(2), GROUP)).isEqualTo(133_333); // m3
    // A master may leave itself out of its peers: the same place.
    assertThat(threshold(GROUP.get(2), GROUP.subList(0, 2))).isEqualTo(133_333);
  }

  @Test
  void aSingleMasterSnapshotsEverySnapshotEveryEntries() {
    MasterPeer alone = GROUP.get(0);
    assertThat(threshold(alone, List.of(alone))).isEqualTo(100_000);
    assertThat(threshold(alone, List.of())).isEqualTo(100_000);
  }
}
