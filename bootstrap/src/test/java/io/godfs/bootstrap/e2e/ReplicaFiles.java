package io.godfs.bootstrap.e2e;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcMasterClient;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

/**
 * Chunk replica files on the chunkservers' disks, for tests that damage them under the stores'
 * backs.
 */
public final class ReplicaFiles {
  private ReplicaFiles() {}

  /** Where the master says a file's chunks are, asked over gRPC on {@code channels} (closed). */
  public static List<LocatedChunk> locate(
      ChannelPool channels, String masterAddress, DfsPath path) {
    try (channels) {
      return new GrpcMasterClient(masterAddress, channels, Duration.ofSeconds(10))
          .locate(path, 0, 0)
          .chunks();
    }
  }

  /**
   * Every replica file of {@code chunk} under {@code clusterDir} (all chunkservers' data folders).
   */
  public static List<Path> of(Path clusterDir, ChunkId chunk) {
    String name = chunk.hex() + ".chunk";
    try (Stream<Path> files = Files.walk(clusterDir)) {
      return files.filter(p -> p.getFileName().toString().equals(name)).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Bit rot on every replica of {@code chunk}: inverts the byte at {@code offset} of each replica
   * file under {@code clusterDir}, synced. Fails unless exactly {@code replicas} files were found.
   */
  public static List<Path> corruptEvery(Path clusterDir, ChunkId chunk, long offset, int replicas) {
    List<Path> files = of(clusterDir, chunk);
    if (files.size() != replicas) {
      throw new AssertionError(
          replicas
              + " replica files of "
              + chunk
              + " expected under "
              + clusterDir
              + ", found "
              + files);
    }
    for (Path file : files) {
      try (FileChannel ch =
          FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        ByteBuffer one = ByteBuffer.allocate(1);
        if (ch.read(one, offset) != 1) {
          throw new AssertionError(file + " has no byte at " + offset);
        }
        ch.write(ByteBuffer.wrap(new byte[] {(byte) ~one.get(0)}), offset);
        ch.force(true);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return files;
  }
}
