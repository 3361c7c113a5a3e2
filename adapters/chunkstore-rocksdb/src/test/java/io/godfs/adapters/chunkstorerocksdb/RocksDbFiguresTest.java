package io.godfs.adapters.chunkstorerocksdb;

import static io.godfs.application.contract.ChunkBytes.random;
import static io.godfs.application.contract.ChunkBytes.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Percentage.withPercentage;

import io.godfs.application.port.out.ChunkStore;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store's figures for a scrape (ADR 0023): the disk's free space and RocksDB's estimates. */
class RocksDbFiguresTest {
  @TempDir Path dir;

  @Test
  void theIndexEstimatesItsKeysAndTheDiskItsFreeSpace() throws Exception {
    try (RocksDbChunkStore store = RocksDbChunkStore.open(dir, 1L << 30)) {
      ChunkStore.StoreFigures empty = store.figures();
      assertThat(empty.indexKeys()).isZero();
      assertThat(empty.diskFreeBytes()).isPositive();

      for (int i = 1; i <= 5; i++) {
        write(store, new ChunkId(i), ChunkVersion.FIRST, random(i, 1000), 1000);
      }
      ChunkStore.StoreFigures figures = store.figures();

      assertThat(figures.indexKeys()).isEqualTo(5);
      assertThat(figures.indexMemtableBytes())
          .as("the entries are still in the memory table")
          .isPositive();
      assertThat(figures.indexSstBytes()).isNotNegative();
      assertThat(figures.indexPendingCompactionBytes()).isNotNegative();
      assertThat(figures.diskFreeBytes())
          .isCloseTo(Files.getFileStore(dir).getUsableSpace(), withPercentage(5));
    }
  }

  @Test
  void aClosedStoreHasNoFigures() {
    RocksDbChunkStore store = RocksDbChunkStore.open(dir, 1L << 30);
    store.close();

    assertThatThrownBy(store::figures).isInstanceOf(IllegalStateException.class);
  }
}
