package io.godfs.adapters.metadataratis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;

/** A real Ratis group of masters over 127.0.0.1 in this JVM, each in its own directory; closes them all. */
final class RatisGroup implements AutoCloseable {
  private final List<MasterPeer> peers = new ArrayList<>();
  private RatisMetadataStore[] stores;
  private final Path root;
  private final UnaryOperator<RatisSettings> tune;

  RatisGroup(int size, Path root, UnaryOperator<RatisSettings> tune) {
    this.root = root;
    this.tune = tune;
    for (int i = 0; i < size; i++) {
      peers.add(new MasterPeer("m" + i, "127.0.0.1:" + freePort(), "127.0.0.1:" + (19_000 + i)));
    }
    stores = new RatisMetadataStore[size];
    for (int i = 0; i < size; i++) {
      start(i);
    }
  }

  RatisMetadataStore start(int i) {
    RatisSettings settings = RatisSettings.of(peers.get(i), peers, root.resolve(peers.get(i).id()), true)
        .withRequestTimeout(Duration.ofSeconds(5));
    stores[i] = RatisMetadataStore.start(tune.apply(settings));
    return stores[i];
  }

  /** Starts one more master with no group (not bootstrapped): it waits to be added. Returns its index. */
  int startJoiner() {
    int i = stores.length;
    peers.add(new MasterPeer("m" + i, "127.0.0.1:" + freePort(), "127.0.0.1:" + (19_000 + i)));
    stores = java.util.Arrays.copyOf(stores, i + 1);
    stores[i] = RatisMetadataStore.start(tune.apply(RatisSettings.of(peers.get(i), List.of(),
        root.resolve(peers.get(i).id()), false).withRequestTimeout(Duration.ofSeconds(5))));
    return i;
  }

  void stop(int i) {
    stores[i].close();
    stores[i] = null;
  }

  RatisMetadataStore store(int i) {
    return stores[i];
  }

  MasterPeer peer(int i) {
    return peers.get(i);
  }

  int size() {
    return stores.length;
  }

  /** The running master that leads, waiting (bounded) until there is one. */
  int awaitLeader(Duration within) {
    int[] found = {-1};
    await(within, "a leader among " + peers, () -> {
      for (int i = 0; i < stores.length; i++) {
        if (stores[i] != null && stores[i].leadership().isLeader()) {
          found[0] = i;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  /**
   * A leader that answers a linearizable read: right after an election, or a restart of every
   * master, leadership may still move once, so a claim to lead is checked by serving.
   */
  int awaitServingLeader(Duration within) {
    int[] found = {-1};
    await(within, "a leader that serves reads", () -> {
      int leader = awaitLeader(within);
      try {
        stores[leader].query(new io.godfs.domain.file.NamespaceQuery.Stat(io.godfs.domain.file.DfsPath.ROOT)).orThrow();
        found[0] = leader;
        return true;
      } catch (io.godfs.domain.error.DfsException | NullPointerException moved) {
        return false;
      }
    });
    return found[0];
  }

  static void await(Duration within, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + within.toMillis() + " ms waiting for " + what);
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
    for (int i = 0; i < stores.length; i++) {
      if (stores[i] != null) {
        try {
          stores[i].close();
        } catch (RuntimeException e) {
          // Keep closing the others.
        }
        stores[i] = null;
      }
    }
  }
}
