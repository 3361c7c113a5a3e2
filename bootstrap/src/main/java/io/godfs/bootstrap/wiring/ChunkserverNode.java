package io.godfs.bootstrap.wiring;

import io.godfs.adapters.chunkstorerocksdb.RocksDbChunkStore;
import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.ChunkCallAudit;
import io.godfs.adapters.grpc.GrpcChunkFetcher;
import io.godfs.adapters.grpc.GrpcChunkPipeline;
import io.godfs.adapters.grpc.GrpcChunkService;
import io.godfs.adapters.grpc.GrpcMasterRegistry;
import io.godfs.adapters.grpc.GrpcServerHandle;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.application.chunkserver.ChunkserverAgent;
import io.godfs.application.chunkserver.ChunkserverServices;
import io.godfs.application.port.in.ChunkAccessUseCase;
import io.godfs.application.port.in.ChunkAuditUseCase;
import io.godfs.application.port.in.ChunkserverFiguresUseCase;
import io.godfs.application.port.in.ReceiveChunkUseCase;
import io.godfs.application.port.in.ScrubUseCase;
import io.godfs.application.port.in.ServeChunkUseCase;
import io.godfs.application.port.out.AuditLog;
import io.godfs.application.port.out.ChunkIoMeter;
import io.godfs.application.port.out.ChunkStore;
import io.godfs.application.port.out.RpcMeter;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.LocalReplica;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import io.grpc.BindableService;
import io.grpc.ServerInterceptors;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running chunkserver: RocksDB-indexed chunk store, pipeline/read services behind gRPC, and the
 * heartbeat agent. The server starts first (the port may be ephemeral) and its services are bound
 * once the advertised address is known.
 */
public final class ChunkserverNode implements AutoCloseable {
  /** How long a copy ordered by the master may wait for each piece of its source. */
  private static final Duration COPY_TIMEOUT = Duration.ofSeconds(60);

  private final ChunkStore store;
  private final ChunkserverServices services;
  private final ScheduledExecutorService scrubbing;

  /** The scrubber works in steps of this period, each with rate x period bytes. */
  private static final Duration SCRUB_PERIOD = Duration.ofMillis(250);

  private final ChannelPool channels;
  private final GrpcServerHandle server;
  private final AuditLog audit;
  private final ScheduledExecutorService heartbeats;
  private final ChunkserverAgent agent;
  private final NodeLocation self;
  private final Path dataDir;

  private ChunkserverNode(
      ChunkStore store,
      ChunkserverServices services,
      ChannelPool channels,
      GrpcServerHandle server,
      ScheduledExecutorService heartbeats,
      ScheduledExecutorService scrubbing,
      ChunkserverAgent agent,
      NodeLocation self,
      Path dataDir,
      AuditLog audit) {
    this.audit = audit;
    this.scrubbing = scrubbing;
    this.store = store;
    this.services = services;
    this.channels = channels;
    this.server = server;
    this.heartbeats = heartbeats;
    this.agent = agent;
    this.self = self;
    this.dataDir = dataDir;
  }

  /** A chunkserver that presents no credential to the masters. */
  public static ChunkserverNode start(ChunkserverConfig config) {
    return start(config, Optional.empty());
  }

  /**
   * A chunkserver that presents {@code clusterKey} to the masters when it registers and reports.
   */
  public static ChunkserverNode start(ChunkserverConfig config, Optional<String> clusterKey) {
    return start(config, clusterKey, Optional.empty());
  }

  /**
   * With TLS when {@code tls} is given: its server presents the node's certificate (and with
   * trusted authorities requires callers' certificates), and its connections to masters and to
   * other chunkservers check them and present its client certificate.
   */
  public static ChunkserverNode start(
      ChunkserverConfig config, Optional<String> clusterKey, Optional<GrpcTls> tls) {
    return start(config, clusterKey, tls, RpcMeter.NONE);
  }

  /** As above, every call its gRPC server serves recorded into {@code meter} (ADR 0023). */
  public static ChunkserverNode start(
      ChunkserverConfig config,
      Optional<String> clusterKey,
      Optional<GrpcTls> tls,
      RpcMeter meter) {
    return start(config, clusterKey, tls, meter, ChunkIoMeter.NONE);
  }

  /**
   * As above, its chunk reads, writes, fsyncs, pipeline hops, scrubbing and short-circuit opens
   * recorded into {@code io} (ADR 0023).
   */
  public static ChunkserverNode start(
      ChunkserverConfig config,
      Optional<String> clusterKey,
      Optional<GrpcTls> tls,
      RpcMeter meter,
      ChunkIoMeter io) {
    return start(config, clusterKey, tls, meter, io, OpenTelemetry.noop());
  }

  /**
   * As above, every call it serves and makes (the pipeline's next hop) also a span of {@code
   * tracing} (ADR 0023).
   */
  public static ChunkserverNode start(
      ChunkserverConfig config,
      Optional<String> clusterKey,
      Optional<GrpcTls> tls,
      RpcMeter meter,
      ChunkIoMeter io,
      OpenTelemetry tracing) {
    // The TLS files are read first: a wrong one stops the start before the store opens.
    ChannelPool channels = new ChannelPool(clusterKey, tls, meter, tracing);
    ChunkStore store;
    AuditLog audit;
    try {
      // A trail file that cannot be opened stops the start, as on the master.
      audit = AuditTrails.open(config.audit());
    } catch (RuntimeException e) {
      channels.close();
      throw e;
    }
    try {
      store =
          RocksDbChunkStore.open(config.dataDir(), config.capacityBytes(), config.directWrites());
    } catch (RuntimeException e) {
      channels.close();
      AuditTrails.close(audit);
      throw e;
    }
    AtomicReference<ChunkserverServices> services = new AtomicReference<>();
    ReceiveChunkUseCase receive =
        (header, upstream) -> services.get().receive().receive(header, upstream);
    ServeChunkUseCase serve =
        new ServeChunkUseCase() {
          @Override
          public Outcome<PieceIterator> read(
              ChunkId chunk, ChunkVersion version, long offset, long length) {
            return services.get().serve().read(chunk, version, offset, length);
          }

          @Override
          public Outcome<LocalReplica> local(ChunkId chunk, ChunkVersion version) {
            return services.get().serve().local(chunk, version);
          }
        };
    // A node with an identity (the cluster key, or a TLS certificate) enforces chunk access
    // tokens: its masters then issue them and send it their keys over that authenticated
    // channel. Without one, it serves as before tokens existed (ADR 0022).
    boolean enforceTokens = clusterKey.isPresent() || tls.isPresent();
    ChunkAccessUseCase access =
        new ChunkAccessUseCase() {
          @Override
          public Outcome<Void> admit(
              SignedChunkToken token, ChunkId chunk, ChunkVersion version, ChunkOperation op) {
            return services.get().access().admit(token, chunk, version, op);
          }

          @Override
          public void acceptKeys(List<ChunkAccessKey> keys) {
            services.get().access().acceptKeys(keys);
          }

          @Override
          public boolean enforced() {
            return enforceTokens;
          }
        };
    GrpcServerHandle server;
    try {
      server =
          GrpcServerHandle.start(
              Hosts.bindHost(config.listenHost()),
              config.port(),
              List.of(audited(new GrpcChunkService(receive, serve, access), audit, services)),
              tls,
              meter,
              tracing);
    } catch (RuntimeException e) {
      store.close();
      channels.close();
      AuditTrails.close(audit);
      throw e;
    }
    String advertise =
        config.advertiseAddress() == null || config.advertiseAddress().isBlank()
            ? "127.0.0.1:" + server.port()
            : config.advertiseAddress();
    NodeLocation self = new NodeLocation(new NodeId(config.nodeId()), NodeAddress.parse(advertise));
    services.set(
        ChunkserverServices.create(
            store,
            new GrpcChunkPipeline(channels),
            new GrpcChunkFetcher(channels, COPY_TIMEOUT, false),
            self,
            System::nanoTime));
    services.get().meterTo(io);
    if (enforceTokens) {
      services.get().requireChunkTokens(Clock.systemUTC());
    }
    if (audit != AuditLog.NONE) {
      services.get().auditTo(audit, Clock.systemUTC());
    }
    ChunkserverAgent agent =
        services
            .get()
            .agent(
                new GrpcMasterRegistry(
                    config.masterAddress(),
                    channels,
                    Duration.ofSeconds(10),
                    services.get().access()::acceptKeys));
    ScheduledExecutorService scrubbing =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "scrubber-" + config.nodeId());
              t.setDaemon(true);
              return t;
            });
    ScheduledExecutorService heartbeats =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "heartbeat-" + config.nodeId());
              t.setDaemon(true);
              return t;
            });
    long every = config.heartbeatInterval().toMillis();
    heartbeats.scheduleWithFixedDelay(agent::beat, 0, every, TimeUnit.MILLISECONDS);
    if (config.scrubBytesPerSecond() > 0) {
      // Same thread as the heartbeats would delay them behind a slow disk: the scrubber gets its
      // own.
      long budget = Math.max(1, config.scrubBytesPerSecond() * SCRUB_PERIOD.toMillis() / 1000);
      ChunkserverServices bound = services.get();
      scrubbing.scheduleWithFixedDelay(
          () -> scrubQuietly(bound, budget),
          SCRUB_PERIOD.toMillis(),
          SCRUB_PERIOD.toMillis(),
          TimeUnit.MILLISECONDS);
    }
    return new ChunkserverNode(
        store,
        services.get(),
        channels,
        server,
        heartbeats,
        scrubbing,
        agent,
        self,
        config.dataDir(),
        audit);
  }

  /**
   * The chunk service, recording its refused calls and writes in {@code audit} when there is a
   * trail (ADR 0022); the trail is the services', bound once the node knows its address.
   */
  private static BindableService audited(
      BindableService chunks, AuditLog audit, AtomicReference<ChunkserverServices> services) {
    if (audit == AuditLog.NONE) {
      return chunks;
    }
    ChunkCallAudit calls =
        new ChunkCallAudit(
            new ChunkAuditUseCase() {
              @Override
              public boolean enabled() {
                return services.get() != null && services.get().trail().enabled();
              }

              @Override
              public void record(
                  String operation,
                  String source,
                  long chunkId,
                  long version,
                  SignedChunkToken token,
                  String result,
                  Optional<String> reason,
                  Optional<String> requestId) {
                services
                    .get()
                    .trail()
                    .record(operation, source, chunkId, version, token, result, reason, requestId);
              }
            });
    return () -> ServerInterceptors.intercept(chunks, calls);
  }

  private static void scrubQuietly(ChunkserverServices services, long budget) {
    try {
      services.scrubber().scrub(budget);
    } catch (RuntimeException e) {
      System.getLogger(ChunkserverNode.class.getName())
          .log(
              System.Logger.Level.WARNING,
              "scrubbing failed (next step retries): " + e.getMessage(),
              e);
    }
  }

  /** This node's space, replicas and store figures, read when asked (a scrape's, ADR 0023). */
  public ChunkserverFiguresUseCase figures() {
    return services.figures();
  }

  /** The scrubber's progress: passes over the replicas and corrupt replicas found. */
  public ScrubUseCase.Stats scrubStats() {
    return services.scrubber().stats();
  }

  public int port() {
    return server.port();
  }

  public NodeLocation location() {
    return self;
  }

  public Path dataDir() {
    return dataDir;
  }

  public ChunkStore store() {
    return store;
  }

  /** Ready once the master has accepted this chunkserver's registration. */
  public Readiness readiness() {
    return () ->
        isRegistered() ? Optional.empty() : Optional.of("not registered with a master yet");
  }

  public boolean isRegistered() {
    return agent.isRegistered();
  }

  @Override
  public void close() {
    heartbeats.shutdownNow();
    scrubbing.shutdownNow();
    services.close();
    server.close();
    channels.close();
    try {
      // Every thread that touches the store must be done before it closes (RocksDB would crash).
      heartbeats.awaitTermination(10, TimeUnit.SECONDS);
      scrubbing.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    store.close();
    AuditTrails.close(audit);
  }
}
