package io.godfs.application.chunkserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.StoredChunk;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The injected time source alone decides when a parked write expires. */
class ParkedWritersTest {
  private static final ChunkId CHUNK = new ChunkId(7);
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final ParkedWriters parked = new ParkedWriters(Duration.ofSeconds(10), nanos::get);

  @Test
  void aParkedWriterStaysUntilItsTtlPassesThenIsClosed() {
    ClosableWriter writer = new ClosableWriter();
    parked.park(CHUNK, ChunkVersion.FIRST, writer);

    nanos.addAndGet(Duration.ofSeconds(10).toNanos());
    parked.expire();
    assertThat(parked.size()).isEqualTo(1);
    assertThat(writer.closed).isFalse();

    nanos.incrementAndGet();
    parked.expire();
    assertThat(parked.size()).isZero();
    assertThat(writer.closed).isTrue();
  }

  @Test
  void aWriterTakenBeforeItsTtlIsHandedBackOpen() {
    ClosableWriter writer = new ClosableWriter();
    parked.park(CHUNK, ChunkVersion.FIRST, writer);
    nanos.addAndGet(Duration.ofSeconds(9).toNanos());

    assertThat(parked.take(CHUNK, ChunkVersion.FIRST)).containsSame(writer);
    assertThat(writer.closed).isFalse();
  }

  private static final class ClosableWriter implements ChunkWriter {
    boolean closed;

    @Override
    public void write(ChunkPiece piece) {}

    @Override
    public void truncate(long length) {}

    @Override
    public void reversion(ChunkVersion version) {}

    @Override
    public void sync() {}

    @Override
    public StoredChunk commit() {
      throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
      closed = true;
    }
  }
}
