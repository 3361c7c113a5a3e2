package io.godfs.benchmarks;

import io.godfs.application.client.ClientSettings;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.wiring.MasterNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * The stall a client sees when the Ratis leader dies, over several deaths: one client creates in a
 * loop; the leader is killed; the longest single create around it is the stall. The dead master is
 * restarted from its Raft dir before the next kill, so every kill leaves a quorum. One figure is
 * luck (an election can split and start over), so the worst of several is what a target is held to.
 */
final class FailoverStall {
  /**
   * Per kill: the longest create a client saw, and the time from the leader's end until another
   * led.
   */
  record Kill(long stallMs, long electedMs) {}

  private final List<MasterConfig> configs;
  private final List<MasterNode> group;

  FailoverStall(List<MasterConfig> configs, List<MasterNode> group) {
    this.configs = configs;
    this.group = group;
  }

  List<Kill> measure(String addresses, int kills) throws Exception {
    List<Kill> result = new ArrayList<>();
    try (GodfsClient c = GodfsClient.connect(addresses, ClientSettings.DEFAULTS)) {
      c.mkdir(DfsPath.of("/failover"), false);
      AtomicBoolean stop = new AtomicBoolean();
      AtomicLong longest = new AtomicLong();
      AtomicLong created = new AtomicLong();
      Thread creator =
          new Thread(
              () -> {
                for (long i = 0; !stop.get(); i++) {
                  long t0 = System.nanoTime();
                  c.createEmpty(DfsPath.of("/failover/f-" + i), false);
                  longest.accumulateAndGet(System.nanoTime() - t0, Math::max);
                  created.incrementAndGet();
                }
              },
              "failover-creator");
      creator.setDaemon(true);
      creator.start();
      try {
        for (int k = 0; k < kills; k++) {
          long before = created.get();
          waitFor(
              () -> created.get() > before + 200,
              Duration.ofSeconds(60),
              "creates before kill " + (k + 1));
          int leader = awaitLeader(group, -1);
          longest.set(0);
          group.get(leader).close();
          group.set(leader, null);
          long killed =
              System.nanoTime(); // close() ends with the Raft server: from here the group has no
          // leader
          awaitLeader(group, leader);
          long elected = (System.nanoTime() - killed) / 1_000_000;
          long after = created.get();
          waitFor(
              () -> created.get() > after + 200,
              Duration.ofSeconds(60),
              "creates after kill " + (k + 1));
          result.add(new Kill(longest.get() / 1_000_000, elected));
          group.set(leader, MasterNode.start(configs.get(leader)));
          MasterNode back = group.get(leader);
          waitFor(
              () -> back.readiness().notReadyBecause().isEmpty(),
              Duration.ofSeconds(60),
              "the restarted master");
        }
      } finally {
        stop.set(true);
        creator.join(Duration.ofSeconds(30).toMillis());
      }
    }
    return result;
  }

  /** The index of the leading master of {@code group} other than {@code not} (-1: any). */
  static int awaitLeader(List<MasterNode> group, int not) {
    int[] found = {-1};
    waitFor(
        () -> {
          for (int i = 0; i < group.size(); i++) {
            if (i != not && group.get(i) != null && group.get(i).isLeader()) {
              found[0] = i;
              return true;
            }
          }
          return false;
        },
        Duration.ofSeconds(30),
        "a Ratis leader");
    return found[0];
  }

  static void waitFor(BooleanSupplier condition, Duration within, String what) {
    long deadline = System.nanoTime() + within.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("timed out waiting for " + what);
      }
      try {
        Thread.sleep(5); // polling a real condition with a deadline
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted waiting for " + what, e);
      }
    }
  }
}
