package io.godfs.application.chunkserver;

import io.godfs.application.port.in.ChunkAccessUseCase;
import io.godfs.application.port.in.ChunkAuditUseCase;
import io.godfs.application.port.in.ChunkserverFigures;
import io.godfs.application.port.in.ChunkserverFiguresUseCase;
import io.godfs.application.port.in.ReceiveChunkUseCase;
import io.godfs.application.port.in.ScrubUseCase;
import io.godfs.application.port.in.ServeChunkUseCase;
import io.godfs.application.port.out.AuditLog;
import io.godfs.application.port.out.ChunkFetcher;
import io.godfs.application.port.out.ChunkIoMeter;
import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.application.port.out.ChunkStore;
import io.godfs.application.port.out.MasterRegistry;
import io.godfs.domain.node.NodeLocation;
import java.time.Duration;
import java.time.InstantSource;
import java.util.function.LongSupplier;

/**
 * Builds a chunkserver's use cases over its local store and the pipeline to its peers. {@code
 * nanoTime} is the monotonic time source that ages interrupted writes ({@code System::nanoTime} in
 * a node, a controllable one in tests).
 */
public final class ChunkserverServices {
  private final ReceiveChunkService receive;
  private final ServeChunkService serve;
  private final ChunkStore store;
  private final NodeLocation self;
  private final RecentlyStored recentlyStored = new RecentlyStored();
  private final ChunkIoTally io = new ChunkIoTally();

  /** How long an interrupted write waits for its client to rebuild the pipeline. */
  static final Duration PARKED_WRITE_TTL = Duration.ofMinutes(2);

  private final ParkedWriters parked;

  private final ChunkIdLog corrupt = new ChunkIdLog();
  private final ChunkReplicator replicator;
  private final ScrubService scrubber;
  private volatile ChunkAccessUseCase access = ChunkAccessUseCase.open();
  private volatile ChunkAuditUseCase trail = ChunkAuditUseCase.NONE;

  private ChunkserverServices(
      ChunkStore store,
      ChunkPipeline pipeline,
      ChunkFetcher fetcher,
      NodeLocation self,
      LongSupplier nanoTime) {
    this.store = store;
    this.self = self;
    this.parked = new ParkedWriters(PARKED_WRITE_TTL, nanoTime);
    this.replicator =
        fetcher == null
            ? null
            : new ChunkReplicator(self.id(), store, fetcher, recentlyStored, parked);
    this.scrubber = new ScrubService(self.id(), store, corrupt, io);
    this.receive =
        new ReceiveChunkService(store, pipeline, self, recentlyStored, parked, io, nanoTime);
    this.serve = new ServeChunkService(store, self.id(), io);
  }

  /** The node's conversation with the master, reporting what this node's writes committed. */
  public ChunkserverAgent agent(MasterRegistry master) {
    return new ChunkserverAgent(
        self.id(),
        self.address(),
        store,
        master,
        recentlyStored,
        parked,
        corrupt,
        replicator,
        access,
        trail,
        io);
  }

  /**
   * Records this node's chunk reads, writes, fsyncs, pipeline hops, scrubbing and short-circuit
   * opens into {@code meter} (ADR 0023); until then they go nowhere ({@link ChunkIoMeter#NONE}).
   * The byte counts the heartbeats carry are kept either way.
   */
  public ChunkserverServices meterTo(ChunkIoMeter meter) {
    io.meterTo(meter);
    return this;
  }

  /** This node's space, replicas and store figures, read when asked (at each scrape). */
  public ChunkserverFiguresUseCase figures() {
    return () -> {
      ChunkStore.StoreUsage usage = store.usage();
      ChunkStore.StoreFigures more = store.figures();
      return new ChunkserverFigures(
          usage.capacityBytes(),
          usage.usedBytes(),
          more.diskFreeBytes(),
          usage.chunkCount(),
          more.indexKeys(),
          more.indexSstBytes(),
          more.indexMemtableBytes(),
          more.indexPendingCompactionBytes());
    };
  }

  /**
   * Refuse every read, write, short-circuit open, copy and deletion without a valid chunk access
   * token (ADR 0022), checked at {@code clock}'s time. Call before serving; the master's keys
   * arrive through {@link #access()}.
   */
  public ChunkserverServices requireChunkTokens(InstantSource clock) {
    access = new ChunkAccessService(true, clock);
    return this;
  }

  /**
   * Records refused calls and mutations in {@code log} (ADR 0022, {@code GODFS_AUDIT_CHUNK}),
   * naming the principals of the tokens that the check set up by {@link #requireChunkTokens}
   * verifies: call after it, and before {@link #agent} and serving.
   */
  public ChunkserverServices auditTo(AuditLog log, InstantSource clock) {
    trail = new ChunkAuditService(log, access, clock);
    if (replicator != null) {
      replicator.auditTo(trail);
    }
    return this;
  }

  /**
   * The audit trail of this node's calls ({@link ChunkAuditUseCase#NONE} unless {@link #auditTo}).
   */
  public ChunkAuditUseCase trail() {
    return trail;
  }

  /** The check of chunk access tokens, and where the master's keys go. */
  public ChunkAccessUseCase access() {
    return access;
  }

  /** A chunkserver that makes no copies for the master (tests of the write and read paths). */
  public static ChunkserverServices create(
      ChunkStore store, ChunkPipeline pipeline, NodeLocation self, LongSupplier nanoTime) {
    return new ChunkserverServices(store, pipeline, null, self, nanoTime);
  }

  /**
   * A full chunkserver: {@code fetcher} reads the source replicas of the copies the master orders.
   */
  public static ChunkserverServices create(
      ChunkStore store,
      ChunkPipeline pipeline,
      ChunkFetcher fetcher,
      NodeLocation self,
      LongSupplier nanoTime) {
    return new ChunkserverServices(store, pipeline, fetcher, self, nanoTime);
  }

  public ReceiveChunkUseCase receive() {
    return receive;
  }

  public ServeChunkUseCase serve() {
    return serve;
  }

  /** The background verifier; the caller drives it at the configured rate. */
  public ScrubUseCase scrubber() {
    return scrubber;
  }

  /** Stops the copy worker and abandons parked writes. */
  public void close() {
    if (replicator != null) {
      replicator.close();
    }
    parked.close();
  }
}
