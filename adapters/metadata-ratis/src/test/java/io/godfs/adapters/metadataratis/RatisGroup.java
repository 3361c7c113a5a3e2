package io.godfs.adapters.metadataratis;

import io.godfs.application.port.out.MetadataMeter;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NamespaceQuery;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/**
 * A real Ratis group of masters over 127.0.0.1 in this JVM, each in its own directory; closes them
 * all. Masters may be stopped and started by one thread while others call them (chaos tests): a
 * slot holds the running store, or null while that master is down.
 */
final class RatisGroup implements AutoCloseable {
  private final List<MasterPeer> peers = new CopyOnWriteArrayList<>();
  private final List<RatisMetadataStore> stores = new CopyOnWriteArrayList<>();
  private final Path root;
  private final UnaryOperator<RatisSettings> tune;
  private final MetadataMeter meter;
  private final OpenTelemetry tracing;

  RatisGroup(int size, Path root, UnaryOperator<RatisSettings> tune) {
    this(size, root, tune, MetadataMeter.NONE);
  }

  /** Every master records its commits into {@code meter}. */
  RatisGroup(int size, Path root, UnaryOperator<RatisSettings> tune, MetadataMeter meter) {
    this(size, root, tune, meter, OpenTelemetry.noop());
  }

  /** As above, every master's commits also spans of {@code tracing}. */
  RatisGroup(
      int size,
      Path root,
      UnaryOperator<RatisSettings> tune,
      MetadataMeter meter,
      OpenTelemetry tracing) {
    this.tracing = tracing;
    this.root = root;
    this.tune = tune;
    this.meter = meter;
    for (int i = 0; i < size; i++) {
      peers.add(new MasterPeer("m" + i, "127.0.0.1:" + freePort(), "127.0.0.1:" + (19_000 + i)));
    }
    for (int i = 0; i < size; i++) {
      stores.add(null);
      start(i);
    }
  }

  RatisMetadataStore start(int i) {
    RatisSettings settings =
        RatisSettings.of(peers.get(i), peers, root.resolve(peers.get(i).id()), true)
            .withRequestTimeout(Duration.ofSeconds(5));
    RatisMetadataStore store = RatisMetadataStore.start(tune.apply(settings), meter, tracing);
    stores.set(i, store);
    return store;
  }

  /**
   * Starts one more master with no group (not bootstrapped): it waits to be added. Returns its
   * index.
   */
  int startJoiner() {
    int i = stores.size();
    peers.add(new MasterPeer("m" + i, "127.0.0.1:" + freePort(), "127.0.0.1:" + (19_000 + i)));
    stores.add(
        RatisMetadataStore.start(
            tune.apply(
                RatisSettings.of(peers.get(i), List.of(), root.resolve(peers.get(i).id()), false)
                    .withRequestTimeout(Duration.ofSeconds(5)))));
    return i;
  }

  /**
   * Closes master {@code i}; callers that already hold its store see it close under them, as in a
   * crash.
   */
  void stop(int i) {
    stores.get(i).close();
    stores.set(i, null);
  }

  /** Master {@code i}'s store, or null while it is stopped. */
  RatisMetadataStore store(int i) {
    return stores.get(i);
  }

  MasterPeer peer(int i) {
    return peers.get(i);
  }

  int size() {
    return stores.size();
  }

  /**
   * The running master that leads, waiting (bounded) until there is one. A deposed leader may still
   * believe it leads for a moment after a newer one was elected, so of two claims the newer term
   * wins.
   */
  int awaitLeader(Duration within) {
    int[] found = {-1};
    await(
        within,
        "a leader among " + peers,
        () -> {
          long newestTerm = -1;
          for (int i = 0; i < stores.size(); i++) {
            RatisMetadataStore store = stores.get(i);
            if (store != null
                && store.leadership().isLeader()
                && store.leadership().term() > newestTerm) {
              newestTerm = store.leadership().term();
              found[0] = i;
            }
          }
          return newestTerm >= 0;
        });
    return found[0];
  }

  /**
   * A leader that answers a linearizable read: right after an election, or a restart of every
   * master, leadership may still move once, so a claim to lead is checked by serving.
   */
  int awaitServingLeader(Duration within) {
    int[] found = {-1};
    await(
        within,
        "a leader that serves reads",
        () -> {
          int leader = awaitLeader(within);
          try {
            stores.get(leader).query(new NamespaceQuery.Stat(DfsPath.ROOT)).orThrow();
            found[0] = leader;
            return true;
          } catch (DfsException | NullPointerException moved) {
            return false;
          }
        });
    return found[0];
  }

  static void await(Duration within, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "timed out after " + within.toMillis() + " ms waiting for " + what);
      }
      Thread.onSpinWait();
      try {
        Thread.sleep(10); // polling a real condition, bounded by the deadline above
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what);
      }
    }
  }

  static int freePort() {
    return LoopbackPorts.free();
  }

  @Override
  public void close() {
    for (int i = 0; i < stores.size(); i++) {
      RatisMetadataStore store = stores.get(i);
      if (store != null) {
        try {
          store.close();
        } catch (RuntimeException e) {
          // Keep closing the others.
        }
        stores.set(i, null);
      }
    }
  }
}
