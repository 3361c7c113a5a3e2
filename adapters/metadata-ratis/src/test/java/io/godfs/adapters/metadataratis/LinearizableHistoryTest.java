package io.godfs.adapters.metadataratis;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.metadataratis.LinearizabilityChecker.Kind;
import io.godfs.adapters.metadataratis.LinearizabilityChecker.Op;
import io.godfs.application.port.out.CallerRequest;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A seeded random history on three real Ratis masters while one master at a time is killed and
 * restarted: concurrent clients create, delete and stat a few paths through whichever master leads
 * (retrying with the same request id, as the SDK does), every call and its answer is recorded, and
 * each path's history must be linearizable against a sequential model of the namespace. Replay a
 * failure with {@code -Dgodfs.history.seed=<seed>} (the operations replay; the kill timing is real).
 */
class LinearizableHistoryTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final int CLIENTS = 4;
  /** Each client runs at least this many operations, and on until the chaos killed MIN_KILLS masters. */
  private static final int OPS_PER_CLIENT = 60;
  private static final int MIN_KILLS = 2;
  /** A bound on the history, whatever the kills' timing: the checker's search grows with it. */
  private static final int MAX_OPS_PER_CLIENT = 600;
  private static final int PATHS = 3;
  private static final Duration GIVE_UP = Duration.ofSeconds(15);
  @TempDir
  Path dir;
  private RatisGroup group;

  @AfterEach
  void closeGroup() {
    if (group != null) {
      group.close();
    }
  }

  @Test
  void singlePathOperationsStayLinearizableWhileMastersAreKilledAndRestarted() throws Exception {
    long seed = Long.getLong("godfs.history.seed", System.nanoTime());
    System.out.println("LinearizableHistoryTest seed: " + seed + " (replay with -Dgodfs.history.seed=" + seed + ")");
    Random seeds = new Random(seed);
    group = new RatisGroup(3, dir, s -> s.withRequestTimeout(Duration.ofSeconds(3)));
    int first = group.awaitLeader(Duration.ofSeconds(20));
    group.store(first).execute(new NamespaceCommand.Mkdir(DfsPath.of("/h"), false, T0)).orThrow();

    Map<Integer, List<Op>> histories = new ConcurrentHashMap<>();
    for (int k = 0; k < PATHS; k++) {
      histories.put(k, new CopyOnWriteArrayList<>());
    }
    AtomicBoolean clientsDone = new AtomicBoolean();
    AtomicInteger killed = new AtomicInteger();
    long chaosSeed = seeds.nextLong();
    ExecutorService pool = Executors.newFixedThreadPool(CLIENTS + 1);
    try {
      Future<Integer> chaos = pool.submit(() -> killAndRestart(new Random(chaosSeed), clientsDone, killed));
      List<Future<?>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        long clientSeed = seeds.nextLong();
        String clientId = "client-" + c;
        clients.add(pool.submit(() -> {
          runClient(clientId, new Random(clientSeed), histories, killed);
          return null;
        }));
      }
      for (Future<?> f : clients) {
        f.get(5, TimeUnit.MINUTES);
      }
      clientsDone.set(true);
      int kills = chaos.get(1, TimeUnit.MINUTES);
      assertThat(kills).as("masters killed during the history").isPositive();
    } finally {
      clientsDone.set(true);
      pool.shutdownNow();
    }
    for (var e : histories.entrySet()) {
      assertThat(LinearizabilityChecker.check(e.getValue())).as("history of /h/k" + e.getKey() + " (seed " + seed + ")")
          .isNull();
    }
  }

  private void runClient(String clientId, Random random, Map<Integer, List<Op>> histories, AtomicInteger killed) {
    // A fixed count of operations once ended before the first kill on a fast machine: the history
    // must overlap the kills, so clients go on until enough have happened, pacing themselves.
    for (int i = 0; i < MAX_OPS_PER_CLIENT && (i < OPS_PER_CLIENT || killed.get() < MIN_KILLS); i++) {
      pause(random.nextInt(20));
      int key = random.nextInt(PATHS);
      DfsPath path = DfsPath.of("/h/k" + key);
      Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
      String requestId = clientId + ":" + i;
      long invoked = System.nanoTime();
      Outcome<Long> result = switch (kind) {
        case CREATE -> call(requestId, s -> s.execute(new NamespaceCommand.CreateFile(path, false, 3, 1 << 20, T0))
            .map(created -> created.status().fileId()));
        case DELETE -> call(requestId, s -> s.execute(new NamespaceCommand.Delete(path, false, T0)).map(r -> 0L));
        case STAT -> call(requestId, s -> s.query(new NamespaceQuery.Stat(path)).map(st -> st.fileId()));
      };
      long returned = System.nanoTime();
      Op op = switch (result) {
        case null -> new Op(kind, invoked, Long.MAX_VALUE, false, false, 0);
        case Outcome.Ok<Long> ok -> new Op(kind, invoked, returned, true, true, ok.value());
        case Outcome.Rejected<Long> r -> {
          assertThat(r.error().code()).as(r.error().message()).isIn(ErrorCode.ALREADY_EXISTS, ErrorCode.NOT_FOUND);
          yield new Op(kind, invoked, returned, true, false, 0);
        }
      };
      histories.get(key).add(op);
    }
  }

  /**
   * Runs one call on whichever master leads, as the SDK does: the same request id on every try;
   * null when no master answered within {@link #GIVE_UP} (the call may or may not have happened).
   */
  private <T> Outcome<T> call(String requestId, Function<RatisMetadataStore, Outcome<T>> work) {
    long deadline = System.nanoTime() + GIVE_UP.toNanos();
    int next = 0;
    while (System.nanoTime() < deadline) {
      int i = next++ % group.size();
      RatisMetadataStore store = group.store(i);
      if (store == null) {
        continue;
      }
      try {
        return CallerRequest.serve(requestId, () -> work.apply(store));
      } catch (DfsException e) {
        if (e.code() != ErrorCode.NOT_LEADER && e.code() != ErrorCode.UNAVAILABLE) {
          throw e;
        }
      } catch (RuntimeException closedUnderUs) {
        // The master was stopped during the call: try another.
      }
      pause(20);
    }
    return null;
  }

  /** Kills a running master, waits, restarts it; always keeps a majority running. Returns the kills. */
  private int killAndRestart(Random random, AtomicBoolean done, AtomicInteger killed) {
    int kills = 0;
    while (!done.get()) {
      pause(300 + random.nextInt(700));
      if (done.get()) {
        break;
      }
      int victim = random.nextInt(group.size());
      group.stop(victim);
      kills++;
      pause(500 + random.nextInt(1500));
      group.start(victim);
      killed.incrementAndGet();
    }
    return kills;
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis); // chaos pacing and retry back-off, not synchronisation
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
