package io.godfs.adapters.chunkstorerocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChunkFileLayoutTest {
  @TempDir Path dir;

  @Test
  void shardsByTheLastTwoHexDigits() {
    ChunkFileLayout layout = new ChunkFileLayout(dir);

    assertThat(layout.file(new ChunkId(0xABCDEF)))
        .isEqualTo(dir.resolve("chunks/ef/0000000000abcdef.chunk"));
    assertThat(layout.file(new ChunkId(1)))
        .isEqualTo(dir.resolve("chunks/01/0000000000000001.chunk"));
  }

  @Test
  void scanFindsChunkFilesOnly() throws IOException {
    ChunkFileLayout layout = new ChunkFileLayout(dir);
    layout.createShards();
    Files.write(layout.file(new ChunkId(77)), new byte[0]);
    Files.write(layout.root().resolve("4d").resolve("readme"), new byte[0]);
    Files.write(layout.root().resolve("4d").resolve("ffffffffffffffff.chunk"), new byte[0]);

    assertThat(layout.scan()).containsExactly(new ChunkId(77));
    assertThat(layout.root()).isDirectoryContaining(p -> p.getFileName().toString().equals("ff"));
  }
}
