package io.godfs.adapters.metadataratis;

import io.godfs.application.port.out.Leadership;
import io.godfs.application.port.out.RaftStatus;
import java.io.File;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.TransferLeadershipRequest;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachine;

/**
 * This master's place in the metadata group, from Ratis's public API: who leads, in which term, the
 * log's commit and apply indexes, the newest snapshot and the configuration's members (ADR 0023).
 * Every answer reads the division afresh; only the size of the log's segment files on disk is
 * cached ({@link #LOG_BYTES_TTL}), as summing it lists a directory.
 */
final class RatisLeadership implements Leadership {
  private static final System.Logger LOG = System.getLogger(RatisLeadership.class.getName());

  /**
   * How long a sum of the log segments' sizes is reused: listing a handful of segment files costs
   * little, and a scrape every 15-60 s then sees a fresh figure.
   */
  static final Duration LOG_BYTES_TTL = Duration.ofSeconds(5);

  private final RaftServer server;
  private final RaftPeerId self;
  private final ClientId clientId;
  private final AtomicLong callIds;
  private final List<Runnable> leaderListeners;
  private final LongSupplier nanoTime;
  private final Object logBytesLock = new Object();
  private long logBytes;
  private long logBytesAt;
  private boolean logBytesKnown;

  RatisLeadership(
      RaftServer server,
      ClientId clientId,
      AtomicLong callIds,
      List<Runnable> leaderListeners,
      LongSupplier nanoTime) {
    this.server = server;
    this.self = server.getId();
    this.clientId = clientId;
    this.callIds = callIds;
    this.leaderListeners = leaderListeners;
    this.nanoTime = nanoTime;
  }

  private RaftServer.Division division() throws IOException {
    return server.getDivision(RatisMetadataStore.GROUP_ID);
  }

  @Override
  public boolean isLeader() {
    try {
      return division().getInfo().isLeader();
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public long term() {
    try {
      return division().getInfo().getCurrentTerm();
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public Optional<String> leaderAddress() {
    try {
      var division = division();
      RaftPeerId leader = division.getInfo().getLeaderId();
      if (leader == null || leader.equals(self)) {
        return Optional.empty();
      }
      RaftPeer peer = division.getRaftConf().getPeer(leader);
      return peer == null ? Optional.empty() : Optional.ofNullable(peer.getClientAddress());
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public long commitIndex() {
    try {
      return Math.max(0, division().getRaftLog().getLastCommittedIndex());
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public long entriesToApply() {
    try {
      var division = division();
      return Math.max(
          0,
          division.getRaftLog().getLastCommittedIndex() - division.getInfo().getLastAppliedIndex());
    } catch (IOException e) {
      return 0;
    }
  }

  @Override
  public RaftStatus status() {
    try {
      var division = division();
      StateMachine stateMachine = division.getStateMachine();
      SnapshotInfo snapshot = stateMachine.getLatestSnapshot();
      long snapshotBytes = 0;
      if (snapshot != null && snapshot.getFiles() != null) {
        for (var file : snapshot.getFiles()) {
          snapshotBytes += file.getFileSize();
        }
      }
      RaftConfiguration conf = division.getRaftConf();
      int voters = conf.getCurrentPeers().size();
      int listeners = conf.getCurrentPeers(RaftPeerRole.LISTENER).size();
      return new RaftStatus(
          Math.max(0, division.getRaftLog().getLastCommittedIndex()),
          Math.max(0, division.getInfo().getLastAppliedIndex()),
          snapshot == null ? 0 : Math.max(0, snapshot.getIndex()),
          snapshotBytes,
          logBytes(division.getRaftStorage().getStorageDir().getCurrentDir()),
          voters,
          voters + listeners);
    } catch (IOException e) {
      return new RaftStatus(0, 0, 0, 0, 0, 0, 0);
    }
  }

  /** The sizes of the log's segment files ({@code log_*} in the storage's current directory). */
  private long logBytes(File current) {
    synchronized (logBytesLock) {
      long now = nanoTime.getAsLong();
      if (logBytesKnown && now - logBytesAt < LOG_BYTES_TTL.toNanos()) {
        return logBytes;
      }
      long sum = 0;
      File[] segments = current.listFiles((dir, name) -> name.startsWith("log_"));
      if (segments != null) {
        for (File segment : segments) {
          sum += segment.length();
        }
      }
      logBytes = sum;
      logBytesAt = now;
      logBytesKnown = true;
      return sum;
    }
  }

  @Override
  public void onChange(Runnable listener) {
    leaderListeners.add(listener);
  }

  /**
   * Ratis's leadership transfer: the leader waits until the chosen follower holds its whole log,
   * then tells it to start an election it wins at once. Followers are tried in turn (one may be
   * down); each try is bounded by what is left of {@code timeout}.
   */
  @Override
  public boolean handOver(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      var division = division();
      if (!division.getInfo().isLeader()) {
        return false;
      }
      for (RaftPeer peer : division.getRaftConf().getCurrentPeers()) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        if (left <= 0) {
          break;
        }
        if (peer.getId().equals(self)) {
          continue;
        }
        TransferLeadershipRequest request =
            new TransferLeadershipRequest(
                clientId,
                self,
                RatisMetadataStore.GROUP_ID,
                callIds.incrementAndGet(),
                peer.getId(),
                left);
        try {
          if (server
              .transferLeadershipAsync(request)
              .get(left + 1_000, TimeUnit.MILLISECONDS)
              .isSuccess()) {
            LOG.log(System.Logger.Level.INFO, "handed metadata leadership to " + peer.getId());
            return true;
          }
        } catch (ExecutionException | TimeoutException e) {
          LOG.log(System.Logger.Level.INFO, "leadership not handed to " + peer.getId() + ": " + e);
        }
      }
      return false;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
