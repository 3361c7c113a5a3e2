package io.godfs.adapters.chunkstorerocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node closing its store while request handlers still use it: every call either completes or
 * fails with a clear error. (Touching a closed RocksDB aborts the JVM: "pthread unlock: Invalid
 * argument", which killed a test run.)
 */
class ChunkStoreCloseRaceTest {
  @TempDir Path dir;

  @Test
  void callsRacingCloseFailCleanlyInsteadOfCrashingTheJvm() throws Exception {
    // The window is narrow: many rounds make a crash near-certain without the close guard.
    for (int round = 0; round < 40; round++) {
      raceOnce(dir.resolve("round-" + round));
    }
  }

  private void raceOnce(Path dir) throws Exception {
    RocksDbChunkStore store = RocksDbChunkStore.open(dir, 1L << 30);
    for (long id = 1; id <= 20; id++) {
      try (var w = store.openWriter(new ChunkId(id), ChunkVersion.FIRST)) {
        w.write(ChunkPiece.of(0, ByteBuffer.wrap(new byte[4096])));
        w.commit();
      }
    }
    CountDownLatch running = new CountDownLatch(4);
    AtomicLong calls = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    List<Throwable> unexpected = new CopyOnWriteArrayList<>();
    for (int t = 0; t < 4; t++) {
      Thread thread =
          new Thread(
              () -> {
                running.countDown();
                for (long i = 0; ; i++) {
                  try {
                    store.describe(new ChunkId(1 + i % 20));
                    store.list();
                    calls.incrementAndGet();
                  } catch (IllegalStateException closed) {
                    return; // the clear refusal after close
                  } catch (Throwable other) {
                    unexpected.add(other);
                    return;
                  }
                }
              });
      threads.add(thread);
      thread.start();
    }
    running.await();
    while (calls.get() < 50) {
      Thread.onSpinWait();
    }
    store.close();
    for (Thread thread : threads) {
      thread.join(10_000);
      assertThat(thread.isAlive()).isFalse();
    }
    assertThat(unexpected).isEmpty();
  }
}
