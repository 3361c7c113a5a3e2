package io.godfs.adapters.chunkstorerocksdb;

import static io.godfs.application.contract.ChunkBytes.piece;
import static io.godfs.application.contract.ChunkBytes.random;
import static io.godfs.application.contract.ChunkBytes.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.contract.ChunkBytes;
import io.godfs.application.contract.ChunkStoreContract;
import io.godfs.application.port.out.ChunkReader;
import io.godfs.application.port.out.ChunkStore;
import io.godfs.application.port.out.ChunkStoreException;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The port contract against real files and RocksDB, plus what only the disk layout can show. */
class RocksDbChunkStoreTest extends ChunkStoreContract {
  private static final long CAPACITY = 1L << 30;

  @Override
  protected ChunkStore newStore(Path dir) {
    return RocksDbChunkStore.open(dir, CAPACITY);
  }

  @Override
  protected ChunkStore reopen(ChunkStore closed, Path dir) {
    return RocksDbChunkStore.open(dir, CAPACITY);
  }

  @Test
  void aCommittedChunkIsOneFileInItsShardNextToTheIndex() throws IOException {
    write(store, id(0x1234), V1, random(1, BLOCK + 9), 1000);

    Path file = dir.resolve("chunks").resolve("34").resolve("0000000000001234.chunk");
    assertThat(chunkFiles()).containsExactly(file);
    assertThat(Files.size(file)).isEqualTo(BLOCK + 9);
    assertThat(dir.resolve("index")).isDirectory();
  }

  @Test
  void theLocalReplicaNamesTheFileAndItsStoredChecksums() throws IOException {
    byte[] data = random(2, 2 * BLOCK + 77);
    write(store, id(0x99), V1, data, 5000);

    var local = store.localReplica(id(0x99));
    assertThat(local.chunk().length()).isEqualTo(data.length);
    assertThat(Files.readAllBytes(Path.of(local.path()))).isEqualTo(data);
    assertThat(local.crcs()).containsExactly(ChunkLayout.crcs(ByteBuffer.wrap(data), 0));
    assertThatThrownBy(() -> store.localReplica(id(0x98)))
        .isInstanceOfSatisfying(
            DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
  }

  @Test
  void aRewriteIsCopyOnWriteSoReadersAndAbandonedRewritesKeepTheCommittedBytes()
      throws IOException {
    byte[] data = random(3, 2 * BLOCK + 5);
    write(store, id(0x77), V1, data, data.length);
    var v2 = new ChunkVersion(2);

    try (ChunkWriter rewriting = store.openWriter(id(0x77), v2)) {
      rewriting.write(piece(100, random(5, 10), 0, 10));
      // A reader opened mid-rewrite sees the committed bytes under the committed CRCs.
      assertThat(ChunkBytes.readAll(store, id(0x77), BLOCK)).isEqualTo(data);
      // close without commit: abandoned
    }
    assertThat(ChunkBytes.readAll(store, id(0x77), BLOCK)).isEqualTo(data);
    assertThat(chunkFiles()).hasSize(1);

    byte[] patch = random(6, 10);
    try (ChunkWriter rewriting = store.openWriter(id(0x77), v2)) {
      rewriting.write(piece(data.length, random(7, 3), 0, 3)); // an append first, then a rewrite
      rewriting.write(piece(100, patch, 0, 10));
      rewriting.commit();
    }
    byte[] expected = Arrays.copyOf(data, data.length + 3);
    System.arraycopy(patch, 0, expected, 100, 10);
    System.arraycopy(random(7, 3), 0, expected, data.length, 3);
    assertThat(ChunkBytes.readAll(store, id(0x77), BLOCK)).isEqualTo(expected);
    assertThat(store.describe(id(0x77))).get().extracting(c -> c.version()).isEqualTo(v2);
    assertThat(chunkFiles()).hasSize(1);
  }

  @Test
  void aRewriteCommitCutOffBeforeItsIndexEntryLeavesTheCommittedBytes() throws IOException {
    byte[] data = random(8, 2 * BLOCK + 5);
    write(store, id(0x78), V1, data, data.length);
    ChunkWriter rewriting = store.openWriter(id(0x78), new ChunkVersion(2));
    rewriting.write(piece(100, random(9, 10), 0, 10));
    rewriting.sync();
    store.close(); // the index refuses the entry: the commit point is never reached
    assertThatThrownBy(rewriting::commit).isInstanceOf(IllegalStateException.class);
    rewriting.close();

    store = RocksDbChunkStore.open(dir, CAPACITY);

    assertThat(store.describe(id(0x78))).get().extracting(c -> c.version()).isEqualTo(V1);
    assertThat(ChunkBytes.readAll(store, id(0x78), BLOCK)).isEqualTo(data);
  }

  @Test
  void aCrashAfterTheIndexEntryButBeforeTheRenameFinishesTheRenameAtOpen() throws IOException {
    byte[] data = random(10, 2 * BLOCK + 5);
    write(store, id(0x79), V1, data, data.length);
    byte[] patch = random(11, 10);
    try (ChunkWriter rewriting = store.openWriter(id(0x79), new ChunkVersion(2))) {
      rewriting.write(piece(100, patch, 0, 10));
      rewriting.commit();
    }
    byte[] expected = data.clone();
    System.arraycopy(patch, 0, expected, 100, 10);
    store.close();
    // The disk as a crash leaves it between the index entry and the rename.
    Path file = dir.resolve("chunks").resolve("79").resolve("0000000000000079.chunk");
    Files.move(file, file.resolveSibling(file.getFileName() + ".rewrite"));
    Files.write(file, data);

    store = RocksDbChunkStore.open(dir, CAPACITY);

    assertThat(ChunkBytes.readAll(store, id(0x79), BLOCK)).isEqualTo(expected);
    assertThat(chunkFiles()).hasSize(1);
  }

  @Test
  void anAbandonedNewChunkLeavesNoFile() throws IOException {
    try (ChunkWriter writer = store.openWriter(id(7), V1)) {
      writer.write(piece(0, random(2, 2 * BLOCK), 0, 2 * BLOCK));
      assertThat(chunkFiles()).hasSize(1);
    }
    assertThat(chunkFiles()).isEmpty();
  }

  @Test
  void anAbandonedExtensionIsCutFromTheFile() throws IOException {
    write(store, id(8), V1, random(3, 100), 100);
    try (ChunkWriter writer = store.openWriter(id(8), V2)) {
      writer.write(piece(100, random(4, BLOCK), 0, BLOCK));
    }
    assertThat(Files.size(chunkFiles().getFirst())).isEqualTo(100);
  }

  @Test
  void aReopenDeletesFilesThatNoIndexEntryNames() throws IOException {
    write(store, id(9), V1, random(5, 10), 10);
    Path orphan = dir.resolve("chunks").resolve("0a").resolve("000000000000000a.chunk");
    Files.write(orphan, new byte[] {1, 2, 3});
    Path foreign = dir.resolve("chunks").resolve("0a").resolve("notes.txt");
    Files.write(foreign, new byte[] {4});
    Path unfinishedRewrite =
        dir.resolve("chunks").resolve("09").resolve("0000000000000009.chunk.rewrite");
    Files.write(unfinishedRewrite, new byte[] {5});

    restart();

    assertThat(unfinishedRewrite).doesNotExist();
    assertThat(orphan).doesNotExist();
    assertThat(foreign).exists();
    assertThat(store.describe(id(9))).isPresent();
  }

  @Test
  void aFileShorterThanItsIndexEntryFailsTheReadNamingTheChunk() throws IOException {
    write(store, id(11), V1, random(6, 2 * BLOCK), 2 * BLOCK);
    Path file = chunkFiles().getFirst();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.truncate(BLOCK);
    }
    try (ChunkReader reader = store.openReader(id(11))) {
      assertThatThrownBy(() -> reader.read(0, 2 * BLOCK))
          .isInstanceOf(ChunkStoreException.class)
          .hasMessageContaining(id(11).toString());
    }
  }

  @Test
  void capacityIsTheConfiguredOneOrMeasuredFromTheFileSystem() {
    write(store, id(12), V1, random(7, 500), 500);
    assertThat(store.usage()).isEqualTo(new ChunkStore.StoreUsage(CAPACITY, 500, 1));
    store.close();

    store = RocksDbChunkStore.open(dir, 0);

    ChunkStore.StoreUsage measured = store.usage();
    assertThat(measured.capacityBytes()).isGreaterThan(500);
    assertThat(measured.usedBytes()).isEqualTo(500);
  }

  @Test
  void aClosedStoreRefusesCalls() {
    store.close();
    assertThatThrownBy(() -> store.list()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> store.openWriter(id(13), V1))
        .isInstanceOf(IllegalStateException.class);
  }

  private List<Path> chunkFiles() throws IOException {
    try (Stream<Path> files = Files.walk(dir.resolve("chunks"))) {
      return files.filter(Files::isRegularFile).toList();
    }
  }
}
