package io.godfs.client;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcChunkFetcher;
import io.godfs.adapters.grpc.GrpcChunkPipeline;
import io.godfs.adapters.grpc.GrpcMasterClient;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.application.client.ClientServices;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.port.in.DelegationUseCase;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.out.ClientIoMeter;
import io.godfs.application.port.out.RpcMeter;
import io.godfs.domain.access.Delegation;
import io.godfs.domain.access.Principal;
import io.godfs.domain.file.DfsPath;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The SDK acting for many callers over one set of connections, each call carrying its own caller's
 * credential, so that the masters authorize that caller and never the process in between: what a
 * gateway needs (HDFS's HttpFS keeps a file system per user the same way). For each credential it
 * asks the master once whom it names, builds that caller's session with {@code sessions}, and keeps
 * it for the next request, the most recently used {@value #MAX_CALLERS} at most. A caller's client
 * holds no thread while it writes nothing, so one that falls out needs no closing; a stream it
 * opened keeps working.
 *
 * @param <S> what a caller is served by (the gateway's use cases, say)
 */
public final class CallerClients<S> implements AutoCloseable {
  /** Callers kept at most (a few kilobytes each). */
  static final int MAX_CALLERS = 1024;

  private static final Duration MASTER_DEADLINE = Duration.ofSeconds(30);

  /** Builds what one caller is served by, from its file system and the principal it is. */
  @FunctionalInterface
  public interface SessionFactory<S> {
    S create(FileSystemUseCase fs, Principal principal);
  }

  private final String masterAddress;
  private final ClientSettings settings;
  private final ChannelPool channels;
  private final GrpcChunkPipeline pipeline;
  private final GrpcChunkFetcher fetcher;
  private final SessionFactory<S> sessions;
  private final ClientIoMeter io;

  /** By the SHA-256 of the credential ("" for none), least recently used first. */
  private final Map<String, S> byCredential = new LinkedHashMap<>(64, 0.75f, true);

  private CallerClients(
      String masterAddress,
      ClientSettings settings,
      ChannelPool channels,
      ClientIoMeter io,
      SessionFactory<S> sessions) {
    this.io = io;
    this.masterAddress = masterAddress;
    this.settings = settings;
    this.channels = channels;
    this.pipeline = new GrpcChunkPipeline(channels);
    this.fetcher = new GrpcChunkFetcher(channels, settings.ackTimeout(), settings.localReads());
    this.sessions = sessions;
  }

  /**
   * Connects lazily to the masters at {@code masterAddress}, over TLS when {@code tls} is given.
   *
   * @throws IllegalArgumentException naming a certificate or key file that cannot be used
   */
  public static <S> CallerClients<S> connect(
      String masterAddress,
      ClientSettings settings,
      Optional<GrpcTls> tls,
      SessionFactory<S> sessions) {
    return connect(masterAddress, settings, tls, RpcMeter.NONE, sessions);
  }

  /** As above, recording every call made for the callers into {@code meter} (ADR 0023). */
  public static <S> CallerClients<S> connect(
      String masterAddress,
      ClientSettings settings,
      Optional<GrpcTls> tls,
      RpcMeter meter,
      SessionFactory<S> sessions) {
    return connect(masterAddress, settings, tls, meter, ClientIoMeter.NONE, sessions);
  }

  /**
   * As above, also recording the callers' bytes and operations, checksum failures and replica
   * failovers into {@code io} (ADR 0023).
   */
  public static <S> CallerClients<S> connect(
      String masterAddress,
      ClientSettings settings,
      Optional<GrpcTls> tls,
      RpcMeter meter,
      ClientIoMeter io,
      SessionFactory<S> sessions) {
    return connect(masterAddress, settings, tls, meter, io, OpenTelemetry.noop(), sessions);
  }

  /** As above, every call made for the callers also a span of {@code tracing} (ADR 0023). */
  public static <S> CallerClients<S> connect(
      String masterAddress,
      ClientSettings settings,
      Optional<GrpcTls> tls,
      RpcMeter meter,
      ClientIoMeter io,
      OpenTelemetry tracing,
      SessionFactory<S> sessions) {
    return new CallerClients<>(
        masterAddress,
        settings,
        new ChannelPool(Optional.empty(), tls, meter, tracing),
        Objects.requireNonNull(io, "io"),
        sessions);
  }

  /**
   * The session of the holder of {@code credential} (empty: an anonymous caller, which only a
   * cluster with security off serves).
   *
   * @throws io.godfs.domain.error.DfsException UNAUTHENTICATED when the masters take the credential
   *     for no one (nothing is kept for it), UNAVAILABLE when they cannot be reached
   */
  public S forCredential(Optional<String> credential) {
    Optional<String> presented = credential.map(String::strip).filter(c -> !c.isEmpty());
    String key = presented.map(CallerClients::digest).orElse("");
    synchronized (byCredential) {
      S known = byCredential.get(key);
      if (known != null) {
        return known;
      }
    }
    // Outside the lock: a new caller's question to the master holds up no one else.
    GrpcMasterClient master =
        new GrpcMasterClient(masterAddress, channels, presented, MASTER_DEADLINE);
    Principal principal = presented.isEmpty() ? Principal.ANONYMOUS : master.whoAmI();
    FileSystemUseCase fs =
        ClientServices.fileSystem(
            master,
            pipeline,
            fetcher,
            settings,
            GodfsClient.clientName(),
            io,
            Optional.of(master.trash()),
            Optional.of(master.snapshots()),
            Optional.of(master.quotas()));
    S session = sessions.create(fs, principal);
    synchronized (byCredential) {
      S raced = byCredential.putIfAbsent(key, session);
      if (byCredential.size() > MAX_CALLERS) {
        String eldest = byCredential.keySet().iterator().next();
        byCredential.remove(eldest);
      }
      return raced != null ? raced : session;
    }
  }

  /**
   * A delegation token (ADR 0022) asked of the masters as the holder of {@code credential}: the
   * master checks that holder's permission and signs the token in its name.
   *
   * @throws io.godfs.domain.error.DfsException PERMISSION_DENIED naming the permission and path,
   *     UNAUTHENTICATED, or CONFLICT when the cluster has security off
   */
  public DelegationUseCase.Issued issueDelegationToken(
      Optional<String> credential,
      DfsPath path,
      Delegation.Operation operation,
      long contentLength,
      Duration lifetime) {
    Optional<String> presented = credential.map(String::strip).filter(c -> !c.isEmpty());
    return new GrpcMasterClient(masterAddress, channels, presented, MASTER_DEADLINE)
        .issueDelegationToken(path, operation, contentLength, lifetime);
  }

  /** How many callers are kept now. */
  int kept() {
    synchronized (byCredential) {
      return byCredential.size();
    }
  }

  private static String digest(String credential) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(credential.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public void close() {
    synchronized (byCredential) {
      byCredential.clear();
    }
    channels.close();
  }
}
