package io.godfs.bootstrap.mount;

import io.godfs.adapters.fuse.FuseMount;
import io.godfs.adapters.fuse.MountOptions;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.bootstrap.wiring.MasterNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A real in-process cluster (master + chunkservers on free ports of 127.0.0.1, data in a temp
 * folder) and the FUSE mounts made on it. {@link #close()} unmounts every mount, then stops the
 * servers; call it from @AfterAll/@AfterEach even when a test failed.
 */
final class MountCluster implements AutoCloseable {
  private final Path dir;
  private final MasterNode master;
  private final List<ChunkserverNode> chunkservers = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private int mounts;

  MountCluster(Path dir, int chunkservers, long chunkSize, int replication) {
    this.dir = dir;
    this.master =
        MasterNode.start(
            new MasterConfig(
                "127.0.0.1",
                0,
                chunkSize,
                replication,
                Duration.ofSeconds(30),
                Duration.ofMillis(200)));
    try {
      for (int i = 1; i <= chunkservers; i++) {
        this.chunkservers.add(
            ChunkserverNode.start(
                new ChunkserverConfig(
                    masterAddress(),
                    "127.0.0.1",
                    0,
                    dir.resolve("chunk-" + i),
                    "chunk-" + i,
                    null,
                    0,
                    Duration.ofMillis(200))));
      }
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (this.chunkservers.stream().filter(ChunkserverNode::isRegistered).count()
          < chunkservers) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("chunkservers did not register within 20 s");
        }
        Thread.sleep(10);
      }
    } catch (RuntimeException | InterruptedException | AssertionError e) {
      close();
      throw new AssertionError("cluster did not start", e);
    }
  }

  String masterAddress() {
    return "127.0.0.1:" + master.port();
  }

  GodfsClient client() {
    GodfsClient client = GodfsClient.connect(masterAddress());
    closeables.add(client);
    return client;
  }

  /**
   * Mounts {@code prefix} (created if missing) on a fresh directory; unmounted by {@link #close()}.
   */
  FuseMount mount(String prefix, UnaryOperator<MountOptions> tweak) {
    GodfsClient fs = GodfsClient.connect(masterAddress());
    fs.mkdir(DfsPath.of(prefix), true);
    Path mountpoint = dir.resolve("mnt-" + (++mounts));
    try {
      Files.createDirectories(mountpoint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MountOptions options = tweak.apply(MountOptions.defaults(DfsPath.of(prefix), 0, 0));
    FuseMount mount = FuseMount.mount(fs, mountpoint, options);
    closeables.add(fs);
    closeables.add(mount); // closed in reverse: the mount before its client
    return mount;
  }

  FuseMount mount(String prefix) {
    return mount(prefix, UnaryOperator.identity());
  }

  void stopMaster() {
    master.close();
  }

  @Override
  public void close() {
    for (int i = closeables.size() - 1; i >= 0; i--) {
      try {
        closeables.get(i).close();
      } catch (Exception e) {
        System.err.println("closing " + closeables.get(i) + " failed: " + e);
      }
    }
    chunkservers.forEach(ChunkserverNode::close);
    master.close();
  }
}
