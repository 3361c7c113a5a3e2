package io.godfs.bootstrap.wiring;

import io.godfs.adapters.grpc.CallerInterceptor;
import io.godfs.adapters.grpc.GrpcAdminService;
import io.godfs.adapters.grpc.GrpcCertificateAuthorityService;
import io.godfs.adapters.grpc.GrpcMasterService;
import io.godfs.adapters.grpc.GrpcQuotaService;
import io.godfs.adapters.grpc.GrpcRegistryService;
import io.godfs.adapters.grpc.GrpcServerHandle;
import io.godfs.adapters.grpc.GrpcSnapshotService;
import io.godfs.adapters.grpc.LeaderGate;
import io.godfs.adapters.grpc.NetworkThreadMethods;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TlsManagers;
import io.godfs.adapters.grpc.wire.WireListen;
import io.godfs.adapters.metadatamemory.InMemoryMetadataStore;
import io.godfs.adapters.metadataratis.MasterPeer;
import io.godfs.adapters.metadataratis.RatisMetadataStore;
import io.godfs.adapters.metadataratis.RatisSettings;
import io.godfs.adapters.metadataratis.RatisTls;
import io.godfs.application.master.ChunkTokenSettings;
import io.godfs.application.master.MasterServices;
import io.godfs.application.master.MasterSettings;
import io.godfs.application.port.in.ClusterFiguresUseCase;
import io.godfs.application.port.in.MasterMaintenanceUseCase;
import io.godfs.application.port.out.HealingMeter;
import io.godfs.application.port.out.Leadership;
import io.godfs.application.port.out.MetadataMeter;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.application.port.out.RpcMeter;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.config.MetadataBackend;
import io.godfs.bootstrap.config.RaftConfig;
import io.godfs.bootstrap.wiring.ca.CertificateFiles;
import io.godfs.bootstrap.wiring.ca.CertificateRenewer;
import io.godfs.bootstrap.wiring.ca.EmbeddedAuthority;
import io.godfs.domain.file.Namespace;
import io.grpc.BindableService;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A running master: metadata store, master use cases and its gRPC server, wired by constructors.
 */
public final class MasterNode implements AutoCloseable {
  /**
   * Long enough for a follower to catch up on a busy log; a down follower is skipped for the next.
   */
  private static final Duration HAND_OVER_TIMEOUT = Duration.ofSeconds(5);

  private static final System.Logger LOG = System.getLogger(MasterNode.class.getName());

  /** How often the background duties run (lease recovery, self-healing); each round is bounded. */
  static final Duration MAINTENANCE_PERIOD = Duration.ofMillis(500);

  private final MetadataStore store;
  private final GrpcServerHandle server;
  private final ScheduledExecutorService maintenance;
  private final MasterServices services;
  private final Leadership leadership;
  private final MasterAccess access;
  private final Optional<MasterAuthority> authority;

  private MasterNode(
      MetadataStore store,
      GrpcServerHandle server,
      ScheduledExecutorService maintenance,
      MasterServices services,
      Leadership leadership,
      MasterAccess access,
      Optional<MasterAuthority> authority) {
    this.authority = authority;
    this.leadership = leadership;
    this.access = access;
    this.store = store;
    this.server = server;
    this.maintenance = maintenance;
    this.services = services;
  }

  /**
   * The master's background duties (their recent repairs are what an operator or a test watches).
   */
  public MasterMaintenanceUseCase maintenance() {
    return services.maintenance();
  }

  /** A master with security off. */
  public static MasterNode start(MasterConfig config) {
    return start(config, MasterSecurity.OFF);
  }

  /**
   * Chunk access tokens are issued as soon as callers authenticate or the transport is TLS: the
   * chunkservers of such a cluster have a node identity, so they enforce tokens (ADR 0022).
   */
  static ChunkTokenSettings chunkTokens(MasterSecurity security) {
    return security.enforced() || security.transport().isPresent()
        ? ChunkTokenSettings.ON
        : ChunkTokenSettings.OFF;
  }

  /** A master whose callers authenticate and are authorised as {@code security} says. */
  public static MasterNode start(MasterConfig config, MasterSecurity security) {
    return start(config, security, RpcMeter.NONE);
  }

  /** As above, every call its gRPC server serves recorded into {@code meter} (ADR 0023). */
  public static MasterNode start(MasterConfig config, MasterSecurity security, RpcMeter meter) {
    return start(config, security, new MasterMeters(meter, MetadataMeter.NONE, HealingMeter.NONE));
  }

  /**
   * As above, recording its gRPC calls, its metadata store's commits and its healing loop's orders
   * into {@code meters} (ADR 0023).
   */
  public static MasterNode start(
      MasterConfig config, MasterSecurity security, MasterMeters meters) {
    RpcMeter meter = meters.rpc();
    Clock clock = Clock.systemUTC();
    DelegationTokenCheck delegationTokens = new DelegationTokenCheck();
    // A wrong keys file stops the start here.
    MasterAccess access = MasterAccess.of(security, delegationTokens);
    if (!security.enforced()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "SECURITY IS OFF: anyone who reaches this master may read, write, delete and administer"
              + " everything. Give it callers' keys (--api-keys-file, GODFS_API_KEYS) and the"
              + " chunkservers' GODFS_CLUSTER_KEY: docs/security.md");
    }
    MetadataStore store;
    Optional<RaftIdentity> raftIdentity;
    try {
      // With the embedded CA, the certificate Raft runs with is ready before Raft starts.
      raftIdentity = RaftIdentity.prepare(config, security);
      store =
          openStore(
              config,
              clock,
              raftIdentity.map(RaftIdentity::tls).or(security::transport),
              security.certificateAuthority().isPresent(),
              meters);
    } catch (RuntimeException e) {
      access.close();
      throw e;
    }
    MasterServices services =
        MasterServices.create(
            store,
            clock,
            new MasterSettings(
                config.chunkSize(),
                config.replication(),
                config.deadAfter(),
                config.heartbeatInterval(),
                config.leaseTimeout(),
                config.healing(),
                config.inlineMaxBytes(),
                config.maxFileBytes(),
                config.trashGrace()),
            new Random(),
            access.policy(),
            chunkTokens(security),
            new SecureRandom(),
            meters.healing());
    delegationTokens.bind(services.delegationTokens());
    Serving serving =
        switch (config.metadata()) {
          case MetadataBackend.Memory memory -> new Serving(store.leadership(), "", () -> true);
          // A new leader answers once chunk reports tell it where replicas are; followers name
          // their address.
          case MetadataBackend.Ratis ratis ->
              new Serving(
                  new ServingLeadership(store.leadership(), services),
                  ratis.raft().clientAddress(),
                  services::readyToServe);
        };
    Leadership leadership = serving.leadership();
    Optional<MasterAuthority> authority;
    try {
      authority =
          MasterAuthority.start(
              config,
              security,
              store,
              clock,
              access.policy(),
              raftIdentity
                  .flatMap(RaftIdentity::authority)
                  .or(() -> RaftIdentity.given(security.certificateSource())));
    } catch (RuntimeException e) {
      store.close();
      access.close();
      throw e;
    }
    Optional<GrpcTls> transport = authority.map(MasterAuthority::transport).or(security::transport);
    List<BindableService> grpcServices = new ArrayList<>();
    grpcServices.add(
        new GrpcMasterService(
            services.namespace(),
            services.chunkWrites(),
            services.chunkReads(),
            services.registry(),
            services.leases(),
            services.delegations(),
            services.trash()));
    grpcServices.add(new GrpcRegistryService(services.registry()));
    grpcServices.add(new GrpcAdminService(services.admin()));
    grpcServices.add(new GrpcQuotaService(services.quotas()));
    grpcServices.add(new GrpcSnapshotService(services.snapshots()));
    authority.ifPresent(a -> grpcServices.add(new GrpcCertificateAuthorityService(a.useCase())));
    GrpcServerHandle server;
    try {
      server =
          GrpcServerHandle.start(
              Hosts.bindHost(config.listenHost()),
              config.port(),
              grpcServices,
              List.of(new LeaderGate(leadership, serving.self(), serving.ready())),
              // Calls that wait on nothing run on the network thread (no hop per call).
              NetworkThreadMethods.of(store.submitNeverWaits(), store.queriesNeverWait()),
              new CallerInterceptor(access.authentication(), access.audit()),
              transport,
              meter,
              meters.tracing(),
              config.wirePort() == MasterConfig.WIRE_OFF
                  ? Optional.empty()
                  : Optional.of(
                      WireListen.on(Hosts.bindHost(config.listenHost()), config.wirePort())));
    } catch (RuntimeException e) {
      authority.ifPresent(MasterAuthority::close);
      store.close();
      access.close();
      throw e;
    }
    ScheduledExecutorService maintenance =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "master-maintenance");
              t.setDaemon(true);
              return t;
            });
    maintenance.scheduleWithFixedDelay(
        () -> runMaintenance(services, leadership),
        MAINTENANCE_PERIOD.toMillis(),
        MAINTENANCE_PERIOD.toMillis(),
        TimeUnit.MILLISECONDS);
    return new MasterNode(store, server, maintenance, services, leadership, access, authority);
  }

  /**
   * Ratis is chatty at INFO (every election step and setting); held so the level is not
   * garbage-collected.
   */
  private static final Logger RATIS_LOG = Logger.getLogger("org.apache.ratis");

  /**
   * How the gRPC gate serves: who leads, this master's address for redirects, and whether it may
   * serve yet.
   */
  private record Serving(Leadership leadership, String self, BooleanSupplier ready) {}

  /**
   * The namespace in memory, or replicated by Ratis: an exhaustive switch, so a new backend is
   * wired here.
   */
  private static MetadataStore openStore(
      MasterConfig config,
      Clock clock,
      Optional<GrpcTls> transport,
      boolean authorityOn,
      MasterMeters meters) {
    return switch (config.metadata()) {
      case MetadataBackend.Memory memory ->
          new InMemoryMetadataStore(Namespace.empty(clock.instant()));
      case MetadataBackend.Ratis ratis -> {
        if (authorityOn && transport.isEmpty()) {
          // Never a plaintext Raft beside the embedded CA (RaftIdentity gives the certificate).
          throw new IllegalStateException(
              "the embedded CA is on but Raft has no certificate: refusing plaintext Raft");
        }
        yield openRatis(ratis.raft(), transport, meters);
      }
    };
  }

  /**
   * Raft between masters runs mutual TLS whenever the master's gRPC runs TLS: the same certificate
   * (a master's certificate serves both uses), the same trusted CAs, reloaded alike. Plaintext Raft
   * beside TLS gRPC would let anyone on the network write the namespace's log.
   */
  static Optional<RatisTls> raftTls(Optional<GrpcTls> transport) {
    return transport.map(
        tls -> {
          GrpcTls.KeyPairFiles identity =
              tls.server()
                  .orElseThrow(
                      () -> new IllegalArgumentException("TLS is on but no certificate is given"));
          if (tls.trustedAuthorities().isEmpty()) {
            throw new IllegalArgumentException(
                "Raft between masters runs mutual TLS when TLS is on, and needs the CA that signed"
                    + " the other masters' certificates: set GODFS_TLS_CA_FILE");
          }
          return new RatisTls(
              TlsManagers.presenting("Raft certificate", identity, tls.reloadEvery()),
              TlsManagers.trustingMastersOnly(tls.trustedAuthorities(), tls.reloadEvery()));
        });
  }

  private static MetadataStore openRatis(
      RaftConfig raft, Optional<GrpcTls> transport, MasterMeters meters) {
    RATIS_LOG.setLevel(Level.WARNING);
    List<MasterPeer> peers =
        raft.peers().stream().flatMap(p -> MasterPeer.parseList(p).stream()).toList();
    MasterPeer self =
        peers.stream()
            .filter(p -> p.id().equals(raft.nodeId()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("peers name no master " + raft.nodeId()));
    RatisSettings settings =
        RatisSettings.of(self, peers, raft.dir(), raft.bootstrap())
            .withElectionTimeout(raft.electionTimeout());
    Optional<RatisTls> tls = raftTls(transport);
    return RatisMetadataStore.start(
        tls.map(settings::withTls).orElse(settings), meters.metadata(), meters.tracing());
  }

  /**
   * One round, on the leader only (a follower has no soft state to act on); a failure is logged and
   * the next round retries (a scheduled task that throws would stop).
   */
  private static void runMaintenance(MasterServices services, Leadership leadership) {
    if (!leadership.isLeader()) {
      return;
    }
    try {
      services.maintenance().runOnce();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "master maintenance round failed: " + e.getMessage(), e);
    }
  }

  /** Whether this master leads its metadata group now (always, with metadata in memory). */
  public boolean isLeader() {
    return leadership.isLeader();
  }

  /**
   * What this master sees of its group, in a phrase: "leader, term 3", "follower of 127.0.0.1:9090,
   * term 3", or "no leader known, term 4" (diagnostics when a failover stalls).
   */
  public String leadershipView() {
    String role =
        leadership.isLeader()
            ? "leader"
            : leadership.leaderAddress().map(a -> "follower of " + a).orElse("no leader known");
    long behind = leadership.entriesToApply();
    return role
        + ", term "
        + leadership.term()
        + (behind > 0 ? ", " + behind + " committed entries not applied yet" : "");
  }

  /** Whether and in which term this master leads its metadata group (metrics, ADR 0023). */
  public Leadership leadership() {
    return leadership;
  }

  /** The cluster's figures while this master leads; empty while it follows (ADR 0023). */
  public ClusterFiguresUseCase clusterFigures() {
    return services.figures(leadership);
  }

  /** Whether this master can take traffic now ({@link MasterReadiness}). */
  public Readiness readiness() {
    return new MasterReadiness(leadership);
  }

  public int port() {
    return server.port();
  }

  /**
   * The embedded certificate authority, when this master holds it (join tokens in process for tests
   * and the development cluster; certificates for nodes wired in this process).
   */
  public Optional<EmbeddedAuthority> certificateAuthority() {
    return authority.map(MasterAuthority::embedded);
  }

  /** What renews this master's own certificate, when it comes from the embedded CA (tests). */
  Optional<CertificateRenewer> ownCertificateRenewer() {
    return authority.map(a -> a.own().renewer());
  }

  /** This master's own certificate files, when they come from the embedded CA. */
  public Optional<CertificateFiles> ownCertificate() {
    return authority.map(a -> a.own().files());
  }

  /**
   * When this master leads replicated metadata: makes a caught-up follower the leader now, while
   * this master still runs, so callers move without waiting out an election (at least 0.5 s of
   * missed heartbeats). Returns whether another master leads now.
   */
  public boolean handOverLeadership() {
    return leadership.handOver(HAND_OVER_TIMEOUT);
  }

  /**
   * A stop on purpose (SIGTERM, a rolling restart): hands over leadership, then {@link #close()}.
   */
  public void stop() {
    handOverLeadership();
    close();
  }

  /** An abrupt stop, as a crash is for the others: a leader leaves an election behind it. */
  @Override
  public void close() {
    maintenance.shutdownNow();
    server.close();
    authority.ifPresent(MasterAuthority::close);
    store.close();
    access.close();
  }
}
