package io.godfs.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MetadataBackend;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The wiring picks the store by switching on the sealed backend; memory is the one that needs no
 * peers.
 */
class MasterNodeBackendTest {
  @Test
  void theMemoryBackendLeadsAtOnceAndIsReady() {
    MasterConfig config =
        new MasterConfig("127.0.0.1", 0, 1 << 20, 1, Duration.ofSeconds(30), Duration.ofSeconds(2));
    assertThat(config.metadata()).isEqualTo(new MetadataBackend.Memory());

    try (MasterNode node = MasterNode.start(config)) {
      assertThat(node.isLeader()).isTrue();
      assertThat(node.port()).isPositive();
    }
  }
}
