package io.godfs.application.master;

import io.godfs.application.port.in.AdminUseCase;
import io.godfs.application.port.in.CertificateAuthorityUseCase;
import io.godfs.application.port.in.ChunkReadUseCase;
import io.godfs.application.port.in.ChunkWriteUseCase;
import io.godfs.application.port.in.ChunkserverRegistryUseCase;
import io.godfs.application.port.in.ClusterFiguresUseCase;
import io.godfs.application.port.in.DelegationUseCase;
import io.godfs.application.port.in.LeaseUseCase;
import io.godfs.application.port.in.MasterMaintenanceUseCase;
import io.godfs.application.port.in.NamespaceUseCase;
import io.godfs.application.port.in.QuotaUseCase;
import io.godfs.application.port.in.SnapshotUseCase;
import io.godfs.application.port.in.TrashUseCase;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.application.port.out.CertificateIssuer;
import io.godfs.application.port.out.CredentialVerifier;
import io.godfs.application.port.out.HealingMeter;
import io.godfs.application.port.out.Leadership;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.AccessRules;
import java.time.InstantSource;
import java.util.random.RandomGenerator;

/** Builds the master's use cases over one metadata store and one shared soft cluster state. */
public final class MasterServices {
  private final NamespaceService namespace;
  private final ChunkWriteService chunkWrites;
  private final ChunkReadService chunkReads;
  private final RegistryService registry;
  private final LeaseService leases;
  private final MaintenanceService maintenance;
  private final HealingLoop healing;
  private final MasterSettings settings;
  private final AdminService admin;
  private final ClusterState cluster;
  private final LeaseClock leaseClock;
  private final SafeMode safeMode;
  private final InstantSource clock;
  private final ChunkTokenIssuer tokens;
  private final DelegationService delegations;
  private final MetadataStore store;
  private final TrashService trash;
  private final TrashPurge trashPurge;
  private final SnapshotService snapshots;
  private final QuotaService quotas;

  private MasterServices(
      MetadataStore store,
      InstantSource clock,
      MasterSettings settings,
      RandomGenerator random,
      AccessPolicy policy,
      ChunkTokenSettings tokenSettings,
      RandomGenerator secrets,
      HealingMeter healingMeter) {
    this.store = store;
    Access access = new Access(policy);
    this.tokens =
        new ChunkTokenIssuer(
            store,
            clock,
            secrets,
            tokenSettings,
            // A node the master counts as live has heard from it since: its replies carry the key.
            settings.deadAfter().plus(settings.heartbeatInterval()));
    this.clock = clock;
    this.cluster = new ClusterState();
    this.leaseClock = new LeaseClock();
    this.safeMode = new SafeMode(settings.healing());
    RepairLog repairs = new RepairLog(healingMeter);
    this.trashPurge = new TrashPurge(store, cluster, clock, settings.trashGrace());
    this.trash = new TrashService(store, cluster, clock, settings, random, access, trashPurge);
    this.namespace =
        new NamespaceService(store, cluster, clock, settings, leaseClock, access, trash);
    this.chunkWrites =
        new ChunkWriteService(store, cluster, clock, settings, random, access, tokens);
    this.chunkReads = new ChunkReadService(store, cluster, clock, settings, access, tokens);
    this.registry =
        new RegistryService(
            store, cluster, clock, settings, safeMode, access, tokens, healingMeter);
    this.leases = new LeaseService(store, leaseClock, clock, settings, access);
    this.healing = new HealingLoop(store, cluster, safeMode, repairs, clock, settings, random);
    this.settings = settings;
    this.maintenance =
        new MaintenanceService(
            new LeaseRecovery(store, cluster, leaseClock, clock, settings),
            healing,
            safeMode,
            repairs,
            tokens,
            trashPurge);
    this.admin =
        new AdminService(
            store,
            cluster,
            safeMode,
            clock,
            settings,
            access,
            // The store's own leadership: the gate in front of the RPCs has begun this term.
            new ClusterFiguresService(
                store, cluster, healing, safeMode, clock, settings, store.leadership()),
            repairs);
    this.delegations = new DelegationService(store, clock, secrets, access, policy);
    this.snapshots = new SnapshotService(store, cluster, clock, settings, access);
    this.quotas = new QuotaService(store, clock, access);
  }

  /** With security off: every caller may do anything (tests, and a cluster run without it). */
  public static MasterServices create(
      MetadataStore store, InstantSource clock, MasterSettings settings, RandomGenerator random) {
    return create(store, clock, settings, random, AccessPolicy.fixed(AccessRules.off()));
  }

  /** Each use case asks {@code policy} whether its caller may go on. */
  public static MasterServices create(
      MetadataStore store,
      InstantSource clock,
      MasterSettings settings,
      RandomGenerator random,
      AccessPolicy policy) {
    return new MasterServices(
        store, clock, settings, random, policy, ChunkTokenSettings.OFF, random, HealingMeter.NONE);
  }

  /**
   * And issues chunk access tokens as {@code tokens} says, their keys' bytes drawn from {@code
   * secrets}: a SecureRandom in a node, since whoever guesses a key forges every token.
   */
  public static MasterServices create(
      MetadataStore store,
      InstantSource clock,
      MasterSettings settings,
      RandomGenerator random,
      AccessPolicy policy,
      ChunkTokenSettings tokens,
      RandomGenerator secrets) {
    return create(store, clock, settings, random, policy, tokens, secrets, HealingMeter.NONE);
  }

  /**
   * And records what the healing loop orders, and the bytes its copies bring, into {@code meter}.
   */
  public static MasterServices create(
      MetadataStore store,
      InstantSource clock,
      MasterSettings settings,
      RandomGenerator random,
      AccessPolicy policy,
      ChunkTokenSettings tokens,
      RandomGenerator secrets,
      HealingMeter meter) {
    return new MasterServices(store, clock, settings, random, policy, tokens, secrets, meter);
  }

  /**
   * The embedded certificate authority over {@code store} (ADR 0022): join tokens and short-lived
   * certificates, signed by {@code issuer}; token creation asks {@code policy} for {@code admin}.
   * {@code random} makes the tokens' secrets: a SecureRandom.
   */
  public static CertificateAuthorityUseCase certificateAuthority(
      MetadataStore store,
      CertificateIssuer issuer,
      InstantSource clock,
      CertificateAuthoritySettings settings,
      AccessPolicy policy,
      RandomGenerator random) {
    return new CertificateAuthorityService(
        store, issuer, clock, settings, new Access(policy), random);
  }

  /**
   * This master just became the leader (again): forget the soft state of any earlier term (replica
   * locations, node liveness, lease timers) and stay in safe mode until this term's reports arrive.
   */
  public void beginTerm() {
    cluster.clear(clock.instant());
    healing.forgetCensus();
    leaseClock.clear();
    safeMode.restart();
    tokens.forget();
    delegations.forget();
    trashPurge.forget();
  }

  /**
   * Whether this term's chunk reports suffice to answer clients: a new leader that knows no replica
   * yet would fail reads and place no writes, so clients are asked to retry until then.
   */
  public boolean readyToServe() {
    return safeMode.thresholdsMet();
  }

  /** The soft cluster state (tests in this package). */
  ClusterState cluster() {
    return cluster;
  }

  /** Delegation tokens: users ask for them (presigned URLs), and holders present them. */
  public DelegationUseCase delegations() {
    return delegations;
  }

  /**
   * The check of delegation tokens as a bearer credential, for the master's authentication (ADR
   * 0022): its holder is the issuing user, restricted to what the token grants.
   */
  public CredentialVerifier delegationTokens() {
    return delegations.verifier();
  }

  public NamespaceUseCase namespace() {
    return namespace;
  }

  /**
   * The trash: what deletes moved there, and restoring it (ADR 0024). Its purge runs with {@link
   * #maintenance()}.
   */
  public TrashUseCase trash() {
    return trash;
  }

  /** Snapshots of directories (ADR 0025); reading one goes through {@link #namespace()}. */
  public SnapshotUseCase snapshots() {
    return snapshots;
  }

  /** Directory quotas (ADR 0026): set and cleared by an administrator, shown to readers. */
  public QuotaUseCase quotas() {
    return quotas;
  }

  public ChunkWriteUseCase chunkWrites() {
    return chunkWrites;
  }

  public ChunkReadUseCase chunkReads() {
    return chunkReads;
  }

  public ChunkserverRegistryUseCase registry() {
    return registry;
  }

  public AdminUseCase admin() {
    return admin;
  }

  public LeaseUseCase leases() {
    return leases;
  }

  /**
   * The cluster's figures while this master leads, as {@code leadership} says (ADR 0023): /metrics,
   * the console and {@code godfs admin top} read them.
   */
  public ClusterFiguresUseCase figures(Leadership leadership) {
    return new ClusterFiguresService(
        store, cluster, healing, safeMode, clock, settings, leadership);
  }

  /**
   * The background duties; the caller runs them on a schedule (the master node, or a test by hand).
   */
  public MasterMaintenanceUseCase maintenance() {
    return maintenance;
  }
}
