package io.godfs.application.chunkserver;

import io.godfs.application.port.in.ChunkAccessUseCase;
import io.godfs.application.port.in.ChunkAuditUseCase;
import io.godfs.application.port.out.ChunkStore;
import io.godfs.application.port.out.MasterRegistry;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.heartbeat.HeartbeatReply;
import io.godfs.domain.heartbeat.NodeHeartbeat;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The chunkserver's conversation with the master: register with a full chunk report, then beat;
 * re-register when the master asks (it restarted or declared us dead) and delete what it says. The
 * caller schedules {@link #beat()}; a failed call is logged and retried at the next beat.
 */
public final class ChunkserverAgent {
  private static final Logger LOG = System.getLogger(ChunkserverAgent.class.getName());
  private final NodeId node;
  private final NodeAddress address;
  private final ChunkStore store;
  private final MasterRegistry master;
  private final RecentlyStored recentlyStored;
  private final ParkedWriters parked;
  private final ChunkIdLog deleted = new ChunkIdLog();
  private final ChunkIdLog corrupt;

  /** Null: this agent makes no copies (tests of the agent alone). */
  private final ChunkReplicator replicator;

  private volatile boolean registered;

  /** Checks the master's token on each deletion it orders (ADR 0022). */
  private final ChunkAccessUseCase access;

  /** Where each deletion the master ordered is recorded, done or refused. */
  private final ChunkAuditUseCase trail;

  /** The node's cumulative bytes read and written, which each heartbeat carries (ADR 0023). */
  private final ChunkIoTally io;

  /**
   * An agent for a node whose writes are not reported between registrations (tests of the agent
   * alone); {@code nanoTime} ages the writes parked on it.
   */
  public ChunkserverAgent(
      NodeId node,
      NodeAddress address,
      ChunkStore store,
      MasterRegistry master,
      LongSupplier nanoTime) {
    this(
        node,
        address,
        store,
        master,
        new RecentlyStored(),
        new ParkedWriters(ChunkserverServices.PARKED_WRITE_TTL, nanoTime),
        new ChunkIdLog(),
        null,
        ChunkAccessUseCase.open(),
        ChunkAuditUseCase.NONE,
        new ChunkIoTally());
  }

  ChunkserverAgent(
      NodeId node,
      NodeAddress address,
      ChunkStore store,
      MasterRegistry master,
      RecentlyStored recentlyStored,
      ParkedWriters parked,
      ChunkIdLog corrupt,
      ChunkReplicator replicator,
      ChunkAccessUseCase access,
      ChunkAuditUseCase trail,
      ChunkIoTally io) {
    this.io = io;
    this.access = access;
    this.trail = trail;
    this.node = node;
    this.address = address;
    this.store = store;
    this.master = master;
    this.recentlyStored = recentlyStored;
    this.parked = parked;
    this.corrupt = corrupt;
    this.replicator = replicator;
  }

  /** Registers with a full chunk report; returns the interval the master wants between beats. */
  public Duration register() {
    ChunkStore.StoreUsage usage = store.usage();
    List<StoredChunk> all = store.list();
    int page = NodeHeartbeat.MAX_CHUNKS_PER_CALL;
    Duration interval =
        master.register(
            node,
            address,
            usage.capacityBytes(),
            usage.usedBytes(),
            all.subList(0, Math.min(page, all.size())));
    // The rest of the full report follows in pages, as heartbeats' newly stored replicas: the
    // master
    // takes at most one page per call.
    for (int from = page; from < all.size(); from += page) {
      HeartbeatReply reply =
          master.heartbeat(
              new NodeHeartbeat(
                  node,
                  usage.capacityBytes(),
                  usage.usedBytes(),
                  usage.chunkCount(),
                  all.subList(from, Math.min(from + page, all.size())),
                  List.of(),
                  List.of(),
                  List.of()));
      if (reply.reregister()) {
        throw new DfsException(
            ErrorCode.UNAVAILABLE, "the master forgot " + node + " while it sent its chunk report");
      }
      apply(reply);
    }
    registered = true;
    LOG.log(Level.INFO, "{0} registered with the master ({1} chunks)", node, usage.chunkCount());
    return interval;
  }

  /**
   * One heartbeat (registering first when needed). Returns false when the master was unreachable.
   */
  public boolean beat() {
    try {
      if (!registered) {
        register();
      }
      parked.expire();
      ChunkStore.StoreUsage usage = store.usage();
      int page = NodeHeartbeat.MAX_CHUNKS_PER_CALL; // more waits for the next beat
      List<StoredChunk> stored = recentlyStored.drain(page);
      List<ChunkId> gone = deleted.drain(page);
      List<ChunkId> bad = corrupt.drain(page);
      List<ChunkId> failedCopies = replicator == null ? List.of() : replicator.failed().drain(page);
      HeartbeatReply reply;
      try {
        reply =
            master.heartbeat(
                new NodeHeartbeat(
                    node,
                    usage.capacityBytes(),
                    usage.usedBytes(),
                    usage.chunkCount(),
                    stored,
                    gone,
                    bad,
                    failedCopies,
                    io.readBytes(),
                    io.writtenBytes()));
      } catch (RuntimeException e) {
        recentlyStored.restore(stored);
        deleted.restore(gone);
        corrupt.restore(bad);
        if (replicator != null) {
          replicator.failed().restore(failedCopies);
        }
        throw e;
      }
      if (reply.reregister()) {
        register();
      }
      apply(reply);
      return true;
    } catch (RuntimeException e) {
      registered = false;
      LOG.log(Level.WARNING, "{0}: heartbeat to the master failed: {1}", node, e.getMessage());
      return false;
    }
  }

  /** Deletes what the master says and starts the copies it orders. */
  private void apply(HeartbeatReply reply) {
    for (int i = 0; i < reply.deleteChunks().size(); i++) {
      ChunkId chunk = reply.deleteChunks().get(i);
      SignedChunkToken token = reply.deleteToken(i);
      if (access.admit(token, chunk, ChunkVersion.FIRST, ChunkOperation.DELETE)
          instanceof Outcome.Rejected<Void> refused) {
        LOG.log(
            Level.WARNING, "{0}: not deleting {1}: {2}", node, chunk, refused.error().message());
        recordDeletion(chunk, token, refused.error().code().name(), refused.error().message());
        continue;
      }
      // The master handed these out once: one that fails (a writer has it open, a disk error)
      // must not drop the rest of the batch nor pass for an unreachable master.
      try {
        parked.discard(chunk);
        store.delete(chunk);
        deleted.add(chunk);
        recordDeletion(chunk, token, "ok", null);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "{0}: cannot delete {1}: {2}", node, chunk, e.getMessage());
        recordDeletion(chunk, token, "failed", e.getMessage());
      }
    }
    if (replicator != null) {
      reply.copies().forEach(replicator::submit);
    }
  }

  /** A deletion the master ordered in a heartbeat reply: its source is the master. */
  private void recordDeletion(ChunkId chunk, SignedChunkToken token, String result, String why) {
    trail.record(
        ChunkAuditUseCase.DELETE,
        "master",
        chunk.value(),
        0,
        token,
        result.toLowerCase(Locale.ROOT),
        Optional.ofNullable(why),
        Optional.empty());
  }

  public boolean isRegistered() {
    return registered;
  }
}
