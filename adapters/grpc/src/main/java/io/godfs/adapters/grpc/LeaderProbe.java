package io.godfs.adapters.grpc;

import io.godfs.api.v1.ClusterInfo;
import io.godfs.api.v1.GetClusterInfoRequest;
import io.godfs.api.v1.MasterServiceGrpc;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Watches one call to a master that is slow to answer: it asks the other masters who leads, and if
 * one names a different leader, cancels the call so the caller goes there at once.
 *
 * <p>Why: a master whose host or container vanished (SIGKILL of its container, a pulled cable)
 * sends no reset; its open connection answers nothing until the kernel gives up on it (seconds) or
 * the call's deadline passes. Without this, a client stalls that long after a new leader is elected
 * (measured: 3.8-4.5 s with containers). A slow call to a master that still leads is left alone:
 * the others name it, and nothing is cancelled. Cancelling a mutation is safe: its retry carries
 * the same request id, so a group that applied it answers it once.
 */
final class LeaderProbe implements AutoCloseable {
  /** Longer than any healthy master call takes here; a call this slow is worth a look elsewhere. */
  static final Duration FIRST_LOOK = Duration.ofMillis(800);

  /** How often the others are asked again while no new leader is known (an election takes ~1 s). */
  static final Duration PERIOD = Duration.ofMillis(250);

  private static final Duration PROBE_DEADLINE = Duration.ofMillis(500);
  private static final ScheduledExecutorService TIMER = timer();

  private final String watched;
  private final List<String> others;
  private final ChannelPool channels;
  private final Context.CancellableContext call;
  private ScheduledFuture<?> rounds;
  private volatile String leader;

  private LeaderProbe(
      String watched, List<String> masters, ChannelPool channels, Context.CancellableContext call) {
    this.watched = watched;
    this.others = masters.stream().filter(m -> !m.equals(watched)).toList();
    this.channels = channels;
    this.call = call;
  }

  /** Starts watching the call that runs in {@code call}, which goes to {@code watched}. */
  static LeaderProbe watch(
      String watched, List<String> masters, ChannelPool channels, Context.CancellableContext call) {
    LeaderProbe probe = new LeaderProbe(watched, masters, channels, call);
    if (probe.others.isEmpty()) {
      return probe; // A single master: nobody else to ask.
    }
    synchronized (probe) {
      probe.rounds =
          TIMER.scheduleAtFixedRate(
              probe::askOthers, FIRST_LOOK.toMillis(), PERIOD.toMillis(), TimeUnit.MILLISECONDS);
    }
    return probe;
  }

  /** The other leader found, for which the call was cancelled; null if none was. */
  String leaderFound() {
    return leader;
  }

  @Override
  public synchronized void close() {
    if (rounds != null) {
      rounds.cancel(false);
    }
    call.cancel(null);
  }

  private void askOthers() {
    for (String other : others) {
      MasterServiceGrpc.newStub(channels.channel(other))
          .withDeadlineAfter(PROBE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
          .getClusterInfo(
              GetClusterInfoRequest.getDefaultInstance(),
              new StreamObserver<ClusterInfo>() {
                @Override
                public void onNext(ClusterInfo info) {
                  // Only the leader answers master calls.
                  found(other);
                }

                @Override
                public void onError(Throwable t) {
                  Metadata trailers = Status.trailersFromThrowable(t);
                  if (trailers != null
                      && "NOT_LEADER".equals(trailers.get(StatusMapper.ERROR_CODE))) {
                    String named = trailers.get(LeaderGate.LEADER);
                    if (named != null && !named.isEmpty()) {
                      found(named);
                    }
                  }
                  // Unreachable or no leader known yet (an election under way): the next round asks
                  // again.
                }

                @Override
                public void onCompleted() {
                  // The answer came in onNext.
                }
              });
    }
  }

  private synchronized void found(String named) {
    if (leader != null || named.equals(watched)) {
      return;
    }
    leader = named;
    rounds.cancel(false);
    call.cancel(null);
  }

  private static ScheduledExecutorService timer() {
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, "godfs-leader-probe");
              t.setDaemon(true);
              return t;
            });
    // Nearly every watch is cancelled long before its first look: drop those at once.
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }
}
