package io.godfs.application.chunkserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.FakeChunkStore;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.node.NodeId;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

/** The scrubber paces itself: a small store is read once per pass, not re-read within a step. */
class ScrubServiceTest {
  private final FakeChunkStore store = new FakeChunkStore();
  private final ScrubService scrubber = new ScrubService(new NodeId("n1"), store, new ChunkIdLog());

  private void write(long id, int bytes) {
    try (var w = store.openWriter(new ChunkId(id), ChunkVersion.FIRST)) {
      w.write(ChunkPiece.of(0, ByteBuffer.wrap(new byte[bytes])));
      w.commit();
    }
  }

  @Test
  void aStoreSmallerThanTheBudgetIsReadOncePerPassNotInALoop() {
    write(1, 100);
    write(2, 200);

    long first = scrubber.scrub(16L << 20);

    assertThat(first).isEqualTo(300);
    assertThat(scrubber.stats().passes()).isEqualTo(1);
    for (long step = 1; step < ScrubService.PASS_GAP_STEPS; step++) {
      assertThat(scrubber.scrub(16L << 20)).as("step " + step).isZero();
    }
    assertThat(scrubber.scrub(16L << 20)).isEqualTo(300);
    assertThat(scrubber.stats().passes()).isEqualTo(2);
  }

  @Test
  void aStoppingNodeEndsTheStepAtOnce() {
    write(1, 100);
    Thread.currentThread().interrupt();
    try {
      assertThat(scrubber.scrub(16L << 20)).isZero();
    } finally {
      Thread.interrupted();
    }
  }
}
