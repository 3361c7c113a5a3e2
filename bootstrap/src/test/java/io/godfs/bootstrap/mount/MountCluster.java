package io.godfs.bootstrap.mount;

import io.godfs.adapters.fuse.FuseMount;
import io.godfs.adapters.fuse.MountOptions;
import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.application.client.ClientSettings;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.e2e.ClusterCredentials;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.bootstrap.wiring.MasterNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.access.Principal;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
  private final ClusterCredentials credentials;
  private int mounts;

  /**
   * Secured as an operator secures a cluster ({@link ClusterCredentials}): the mounts reach it over
   * TLS with the admin's key, and chunkservers check the master's chunk access tokens.
   */
  MountCluster(Path dir, int chunkservers, long chunkSize, int replication) {
    this(dir, chunkservers, chunkSize, replication, Duration.ZERO);
  }

  /** As above, its master keeping deleted paths in its trash for {@code trashGrace} (ADR 0024). */
  MountCluster(Path dir, int chunkservers, long chunkSize, int replication, Duration trashGrace) {
    this.dir = dir;
    this.credentials = ClusterCredentials.in(dir);
    this.master =
        MasterNode.start(
            new MasterConfig(
                    "127.0.0.1",
                    0,
                    chunkSize,
                    replication,
                    Duration.ofSeconds(30),
                    Duration.ofMillis(200))
                .withTrashGrace(trashGrace),
            credentials.master());
    try {
      for (int i = 1; i <= chunkservers; i++) {
        String id = "chunk-" + i;
        this.chunkservers.add(
            ChunkserverNode.start(
                ChunkserverConfig.of(
                    masterAddress(),
                    "127.0.0.1",
                    0,
                    dir.resolve(id),
                    id,
                    null,
                    0,
                    Duration.ofMillis(200)),
                Optional.empty(),
                credentials.chunkserver(id)));
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
    GodfsClient client = connect();
    closeables.add(client);
    return client;
  }

  private GodfsClient connect() {
    return GodfsClient.connect(
        masterAddress(), ClientSettings.DEFAULTS, credentials.adminKey(), credentials.client());
  }

  /** Connections to the cluster's ports as its admin. */
  ChannelPool channels() {
    return credentials.channels();
  }

  /** What a client process ({@code godfs mount}) needs in its environment to reach the cluster. */
  Map<String, String> clientEnvironment() {
    return credentials.clientEnvironment();
  }

  /**
   * Mounts {@code prefix} (created if missing) on a fresh directory; unmounted by {@link #close()}.
   */
  FuseMount mount(String prefix, UnaryOperator<MountOptions> tweak) {
    GodfsClient fs = connect();
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

  /**
   * As {@link #mount(String, UnaryOperator)}, its callbacks, figures and client recorded in {@code
   * metrics} (as {@code godfs mount --health-listen} does, ADR 0023).
   */
  FuseMount mountMetered(String prefix, UnaryOperator<MountOptions> tweak, NodeMetrics metrics) {
    GodfsClient fs =
        GodfsClient.connect(
            masterAddress(),
            ClientSettings.DEFAULTS,
            credentials.adminKey(),
            credentials.client(),
            metrics.rpc(),
            metrics.clientIo());
    closeables.add(fs);
    fs.mkdir(DfsPath.of(prefix), true);
    Path mountpoint = dir.resolve("mnt-" + (++mounts));
    try {
      Files.createDirectories(mountpoint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    MountOptions options = tweak.apply(MountOptions.defaults(DfsPath.of(prefix), 0, 0));
    FuseMount mount = FuseMount.mount(fs, mountpoint, options, metrics.mount());
    closeables.add(mount); // closed in reverse: the mount before its client
    return mount;
  }

  /**
   * Mounts {@code prefix} (which must exist) as {@code user}, whose key is added to the masters'
   * file: what that user's programs may do there is what the cluster grants them.
   */
  FuseMount mountAs(Principal.User user, String prefix) {
    GodfsClient fs =
        GodfsClient.connect(
            masterAddress(),
            ClientSettings.DEFAULTS,
            Optional.of(credentials.addKey(user, masterAddress())),
            credentials.client());
    Path mountpoint = dir.resolve("mnt-" + (++mounts));
    try {
      Files.createDirectories(mountpoint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    FuseMount mount =
        FuseMount.mount(fs, mountpoint, MountOptions.defaults(DfsPath.of(prefix), 0, 0));
    closeables.add(fs);
    closeables.add(mount);
    return mount;
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
