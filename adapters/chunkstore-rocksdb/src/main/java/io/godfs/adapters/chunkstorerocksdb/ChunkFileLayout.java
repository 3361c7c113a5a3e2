package io.godfs.adapters.chunkstorerocksdb;

import io.godfs.domain.chunk.ChunkId;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where chunk files live: {@code <dataDir>/chunks/<last 2 hex digits>/<16 hex digits>.chunk}. The
 * 256 shard directories keep directories small (a 10 TB disk of 64 MiB chunks holds about 600 files
 * per shard) and consecutive ids land in different shards.
 */
final class ChunkFileLayout {
  private static final Pattern CHUNK_FILE = Pattern.compile("[0-9a-f]{16}\\.chunk");
  private static final String SUFFIX = ".chunk";
  private static final int SHARDS = 256;

  private final Path root;

  ChunkFileLayout(Path dataDir) {
    this.root = dataDir.resolve("chunks");
  }

  /**
   * A chunk file's copy-on-write shadow: {@code <chunk file>.rewrite}, renamed over it at commit.
   */
  static final String SHADOW_SUFFIX = ".rewrite";

  Path root() {
    return root;
  }

  Path file(ChunkId id) {
    String hex = id.hex();
    return root.resolve(hex.substring(hex.length() - 2)).resolve(hex + SUFFIX);
  }

  /** Shadow files a crash left behind: never committed, always safe to delete. */
  List<Path> shadows() throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> shards = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path shard : shards) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(shard, "*" + SHADOW_SUFFIX)) {
          files.forEach(out::add);
        }
      }
    }
    return out;
  }

  /** Creates the root and all shard directories, and makes their names durable. */
  void createShards() throws IOException {
    Files.createDirectories(root);
    for (int shard = 0; shard < SHARDS; shard++) {
      Files.createDirectories(root.resolve(String.format("%02x", shard)));
    }
    syncDirectory(root);
    syncDirectory(root.getParent());
  }

  /** Every chunk file on disk, by id; other files are ignored. */
  List<ChunkId> scan() throws IOException {
    List<ChunkId> ids = new ArrayList<>();
    try (DirectoryStream<Path> shards = Files.newDirectoryStream(root, Files::isDirectory)) {
      for (Path shard : shards) {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(shard)) {
          for (Path file : files) {
            String name = file.getFileName().toString();
            long value =
                CHUNK_FILE.matcher(name).matches()
                    ? Long.parseUnsignedLong(name.substring(0, 16), 16)
                    : 0;
            if (value > 0) {
              ids.add(new ChunkId(value));
            }
          }
        }
      }
    }
    return ids;
  }

  /** Makes a new file's directory entry durable (fsync of the directory, as on Linux). */
  static void syncDirectory(Path dir) throws IOException {
    try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
      channel.force(true);
    }
  }
}
