package io.godfs.application.contract;

import static io.godfs.application.contract.ChunkBytes.piece;
import static io.godfs.application.contract.ChunkBytes.random;
import static io.godfs.application.contract.ChunkBytes.readAll;
import static io.godfs.application.contract.ChunkBytes.storedCrcs;
import static io.godfs.application.contract.ChunkBytes.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.out.ChunkStore;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.StoredChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The part of the {@link ChunkStore} contract about time and threads: commits survive a restart and
 * uncommitted writes do not, and writers of different chunks run at the same time. Run through
 * {@link ChunkStoreContract}.
 */
public abstract class ChunkStoreDurabilityContract extends ChunkStoreFixture {

  @Test
  void committedChunksSurviveARestartByteForByte() {
    byte[] a = random(100, 2 * BLOCK + 17);
    byte[] b = random(101, 10);
    StoredChunk storedA = write(store, id(1), V2, a, 50_000);
    StoredChunk storedB = write(store, id(2), V1, b, 10);
    int[] crcsA = storedCrcs(store, id(1));
    ChunkStore.StoreUsage usage = store.usage();

    restart();

    assertThat(store.describe(id(1))).contains(storedA);
    assertThat(store.list()).containsExactlyInAnyOrder(storedA, storedB);
    assertThat(readAll(store, id(1), BLOCK)).isEqualTo(a);
    assertThat(readAll(store, id(2), BLOCK)).isEqualTo(b);
    assertThat(storedCrcs(store, id(1))).containsExactly(crcsA);
    assertThat(store.usage().usedBytes()).isEqualTo(usage.usedBytes());
    assertThat(store.usage().chunkCount()).isEqualTo(2);
  }

  @Test
  void writesOpenAtACrashAreGoneAfterTheRestart() {
    byte[] data = random(102, BLOCK + 3);
    StoredChunk committed = write(store, id(3), V1, data, data.length);
    ChunkWriter extending = store.openWriter(id(3), V2);
    ChunkWriter creating = store.openWriter(id(4), V1);
    byte[] fresh = random(105, 5);
    try {
      extending.write(piece(data.length, random(103, BLOCK), 0, BLOCK));
      creating.write(piece(0, random(104, BLOCK), 0, BLOCK));

      restart(); // without closing the writers

      assertThat(store.describe(id(3))).contains(committed);
      assertThat(readAll(store, id(3), BLOCK)).isEqualTo(data);
      assertThat(store.describe(id(4))).isEmpty();
      assertThat(store.list()).containsExactly(committed);
      assertThat(store.usage().usedBytes()).isEqualTo(data.length);
      try (ChunkWriter gap = store.openWriter(id(3), V2)) { // the lost bytes must not reappear
        gap.write(piece(2 * BLOCK, new byte[] {42}, 0, 1));
        gap.commit();
      }
      write(store, id(4), V1, fresh, 5);
    } finally {
      extending.close(); // writers of the old store must not disturb the new one
      creating.close();
    }
    byte[] expected = Arrays.copyOf(data, 2 * BLOCK + 1);
    expected[2 * BLOCK] = 42;
    assertThat(readAll(store, id(3), BLOCK)).isEqualTo(expected);
    assertThat(readAll(store, id(4), BLOCK)).isEqualTo(fresh);
  }

  @Test
  void deletesSurviveARestart() {
    write(store, id(5), V1, random(106, 100), 100);
    StoredChunk kept = write(store, id(6), V1, random(107, 200), 200);
    assertThat(store.delete(id(5))).isTrue();

    restart();

    assertThat(store.describe(id(5))).isEmpty();
    assertThat(store.list()).containsExactly(kept);
    assertThat(store.usage().usedBytes()).isEqualTo(200);
    assertThat(store.usage().chunkCount()).isEqualTo(1);
  }

  @Test
  void eightWritersOnEightChunksRunInParallel() throws Exception {
    int writers = 8;
    CyclicBarrier allOpen = new CyclicBarrier(writers);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    List<byte[]> expected = new ArrayList<>();
    List<Future<byte[]>> results = new ArrayList<>();
    try {
      for (int i = 0; i < writers; i++) {
        byte[] data = random(200 + i, 4 * BLOCK + 1000 * i);
        ChunkId id = id(1000 + i);
        expected.add(data);
        results.add(
            pool.submit(
                () -> {
                  try (ChunkWriter writer = store.openWriter(id, V1)) {
                    allOpen.await(30, TimeUnit.SECONDS); // all writers are open at the same time
                    for (int position = 0; position < data.length; position += 100_000) {
                      int size = Math.min(100_000, data.length - position);
                      writer.write(piece(position, data, position, size));
                    }
                    writer.commit();
                  }
                  return readAll(store, id, 2 * BLOCK);
                }));
      }
      for (int i = 0; i < writers; i++) {
        assertThat(results.get(i).get(60, TimeUnit.SECONDS)).isEqualTo(expected.get(i));
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(store.list()).hasSize(writers);
    assertThat(store.usage().chunkCount()).isEqualTo(writers);
  }
}
