package io.godfs.application.contract;

import io.godfs.application.fake.Callers;
import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.master.MasterServices;
import io.godfs.application.master.MasterSettings;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * What the contracts of the master-facing ports share: a fresh master per test (fake metadata
 * store, a clock moved by hand, a fixed placement seed) and the port under test connected to it.
 * Implementations extend {@link MasterClientContract} or {@link MasterRegistryContract}.
 *
 * @param <P> the out-port under test
 */
public abstract class MasterPortFixture<P extends AutoCloseable> {
  protected static final long CHUNK = 1 << 20;
  protected static final int REPLICATION = 3;
  protected static final Duration DEAD_AFTER = Duration.ofSeconds(30);
  protected static final Duration HEARTBEAT = Duration.ofMillis(1500);
  protected static final long SPACE = 1L << 40;

  /** Finer than a millisecond on purpose: what a port keeps of the master's time is checked. */
  protected static final Instant T0 = Instant.parse("2026-01-01T00:00:00.123456789Z");

  protected final MutableClock clock = new MutableClock(T0);
  protected MasterServices master;
  protected P port;

  /**
   * The port under test, reaching {@code master} and nothing else. Called once per test, before any
   * node is registered.
   */
  protected abstract P connect(MasterServices master);

  /** Releases what {@link #connect} started; called after every test, a failed one too. */
  protected abstract void disconnect();

  @BeforeEach
  final void startMaster() {
    master =
        MasterServices.create(
            new FakeMetadataStore(),
            clock,
            new MasterSettings(CHUNK, REPLICATION, DEAD_AFTER, HEARTBEAT),
            new Random(1));
    port = connect(master);
  }

  @AfterEach
  final void stopMaster() throws Exception {
    try {
      if (port != null) {
        port.close();
      }
    } finally {
      disconnect();
    }
  }

  protected static DfsPath p(String path) {
    return DfsPath.of(path);
  }

  protected static NodeLocation node(int i) {
    return new NodeLocation(new NodeId("cs-" + i), new NodeAddress("127.0.0.1", 8000 + i));
  }

  /** Registers cs-1 to cs-{@code count} through the master's own use case: space, no chunks. */
  protected final void registerNodes(int count) {
    for (int i = 1; i <= count; i++) {
      master
          .registry()
          .register(Callers.ANONYMOUS, node(i).id(), node(i).address(), SPACE, 0, List.of());
    }
  }

  /** Creates an empty file with the cluster defaults through the master's own use case. */
  protected final FileStatus newFile(String path) {
    return master
        .namespace()
        .create(Callers.ANONYMOUS, NewFile.withClusterDefaults(p(path), false))
        .orThrow();
  }
}
