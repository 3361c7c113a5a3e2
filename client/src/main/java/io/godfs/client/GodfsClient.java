package io.godfs.client;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcChunkFetcher;
import io.godfs.adapters.grpc.GrpcChunkPipeline;
import io.godfs.adapters.grpc.GrpcMasterClient;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.application.client.ClientServices;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.port.in.Deletion;
import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.QuotaClient;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.application.port.in.SnapshotClient;
import io.godfs.application.port.in.TrashClient;
import io.godfs.application.port.in.UploadOptions;
import io.godfs.application.port.in.UploadUseCase;
import io.godfs.application.port.out.ClientIoMeter;
import io.godfs.application.port.out.RpcMeter;
import io.godfs.domain.access.Principal;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.LocatedFile;
import io.godfs.domain.file.NameChange;
import io.godfs.domain.file.NameListing;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.XattrMode;
import io.godfs.domain.file.Xattrs;
import io.godfs.domain.node.ClusterInfo;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;

/**
 * The goDFS Java SDK: connect to a master and use files. A thin facade assembled like a node (the
 * client use case over the gRPC transports); one instance is thread-safe and should be shared.
 *
 * <pre>{@code
 * try (GodfsClient fs = GodfsClient.connect("127.0.0.1:9090")) {
 *   try (OutputStream out = fs.create(DfsPath.of("/data/hello.txt"), true)) { out.write(bytes); }
 *   try (SeekableInput in = fs.open(DfsPath.of("/data/hello.txt"))) { in.seek(5); in.read(buf); }
 * }
 * }</pre>
 */
public final class GodfsClient implements FileSystemUseCase {
  private static final Duration MASTER_DEADLINE = Duration.ofSeconds(30);
  private final ChannelPool channels;
  private final GrpcMasterClient master;
  private final FileSystemUseCase fs;
  private final UploadUseCase uploads;

  /** Runs the calls of the *Async methods: one virtual thread per call in flight. */
  private final ExecutorService asyncCalls =
      Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("godfs-async-call-", 0).factory());

  private GodfsClient(ChannelPool channels, GrpcMasterClient master, FileSystemUseCase fs) {
    this.channels = channels;
    this.master = master;
    this.fs = fs;
    this.uploads =
        ClientServices.uploads(fs, new SecureRandom()); // staged names others must not guess
  }

  /** Connects lazily: the first call fails with UNAVAILABLE when the master cannot be reached. */
  public static GodfsClient connect(String masterAddress) {
    return connect(masterAddress, ClientSettings.DEFAULTS);
  }

  /**
   * Presents the credential that {@code GODFS_CLIENT_API_KEY} (a value or {@code @file}) or else
   * the user's credentials file ({@link CredentialsFile}: {@code godfs dev} writes its admin
   * credential there) gives for {@code masterAddress}, none when neither does; over TLS trusting
   * the CA the credentials file names for that master, if any.
   */
  public static GodfsClient connect(String masterAddress, ClientSettings settings) {
    Optional<String> set = fromEnvironment(System.getenv());
    if (set.isPresent()) {
      return connect(masterAddress, settings, set);
    }
    Optional<CredentialsFile.Entry> found =
        CredentialsFile.find(CredentialsFile.location(System.getenv()), masterAddress);
    return connect(
        masterAddress,
        settings,
        found.map(CredentialsFile.Entry::credential),
        found.flatMap(CredentialsFile.Entry::ca).map(CredentialsFile::trusting));
  }

  /** {@code GODFS_CLIENT_API_KEY}: the value, or the contents of the {@code @file} it names. */
  static Optional<String> fromEnvironment(Map<String, String> env) {
    String set = env.get("GODFS_CLIENT_API_KEY");
    if (set == null || set.isBlank()) {
      return Optional.empty();
    }
    String value = set.strip();
    if (!value.startsWith("@")) {
      return Optional.of(value);
    }
    try {
      return Optional.of(Files.readString(Path.of(value.substring(1))).strip());
    } catch (IOException e) {
      throw new DfsException(
          ErrorCode.INVALID_ARGUMENT,
          "GODFS_CLIENT_API_KEY names " + value.substring(1) + ", which cannot be read: " + e);
    }
  }

  /** Presenting {@code apiKey} to the masters (never to a chunkserver). */
  public static GodfsClient connect(String masterAddress, Optional<String> apiKey) {
    return connect(masterAddress, ClientSettings.DEFAULTS, apiKey);
  }

  /**
   * As {@link #connect(String, ClientSettings)}, presenting {@code apiKey} (an API key or token) to
   * the masters. It is never sent to a chunkserver.
   */
  public static GodfsClient connect(
      String masterAddress, ClientSettings settings, Optional<String> apiKey) {
    return connect(masterAddress, settings, apiKey, Optional.empty());
  }

  /**
   * As {@link #connect(String, ClientSettings, Optional)}, every connection (to masters and to
   * chunkservers) over TLS when {@code tls} is given: servers are checked against its trusted
   * authorities, and its client certificate, if any, is presented (mutual TLS).
   *
   * @throws IllegalArgumentException naming a certificate or key file that cannot be used
   */
  public static GodfsClient connect(
      String masterAddress,
      ClientSettings settings,
      Optional<String> apiKey,
      Optional<GrpcTls> tls) {
    return connect(masterAddress, settings, apiKey, tls, RpcMeter.NONE);
  }

  /**
   * As {@link #connect(String, ClientSettings, Optional, Optional)}, recording every call this
   * client makes into {@code meter} (the {@code grpc_client_*} families of a process that keeps
   * metrics, such as a mount: ADR 0023).
   */
  public static GodfsClient connect(
      String masterAddress,
      ClientSettings settings,
      Optional<String> apiKey,
      Optional<GrpcTls> tls,
      RpcMeter meter) {
    return connect(masterAddress, settings, apiKey, tls, meter, ClientIoMeter.NONE);
  }

  /**
   * As above, also recording the bytes this client reads and writes, its operations' outcomes,
   * checksum failures and replica failovers into {@code io} (the {@code godfs_client_*} families of
   * a process that keeps metrics, such as a mount or a gateway: ADR 0023). An application that
   * keeps no metrics uses the overloads without it.
   */
  public static GodfsClient connect(
      String masterAddress,
      ClientSettings settings,
      Optional<String> apiKey,
      Optional<GrpcTls> tls,
      RpcMeter meter,
      ClientIoMeter io) {
    return connect(masterAddress, settings, apiKey, tls, meter, io, OpenTelemetry.noop());
  }

  /**
   * As above, every call this client makes also a span of {@code tracing}, a child of the span
   * current where it is made (ADR 0023): a process that traces (a mount) or an application that has
   * its own OpenTelemetry passes it here.
   */
  public static GodfsClient connect(
      String masterAddress,
      ClientSettings settings,
      Optional<String> apiKey,
      Optional<GrpcTls> tls,
      RpcMeter meter,
      ClientIoMeter io,
      OpenTelemetry tracing) {
    ChannelPool channels = new ChannelPool(apiKey, tls, meter, tracing);
    GrpcMasterClient master = new GrpcMasterClient(masterAddress, channels, MASTER_DEADLINE);
    FileSystemUseCase fs =
        ClientServices.fileSystem(
            master,
            new GrpcChunkPipeline(channels),
            new GrpcChunkFetcher(channels, settings.ackTimeout(), settings.localReads()),
            settings,
            clientName(),
            io,
            Optional.of(master.trash()),
            Optional.of(master.snapshots()),
            Optional.of(master.quotas()));
    // An untraced client keeps the use cases as they are: no span, no per-call Context swap.
    return new GodfsClient(
        channels, master, tracing == OpenTelemetry.noop() ? fs : new TracedFileSystem(fs, tracing));
  }

  /**
   * The name this client holds write leases under: host, process and a random part, so that two
   * clients never share one (as HDFS's DFSClient_NONMAPREDUCE_<random>_<thread>). The master only
   * lets the holder of a lease release it, and never shows the name to other clients; the 122
   * random bits keep it from being guessed.
   */
  static String clientName() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      host = "localhost";
    }
    return "client-"
        + host
        + "-"
        + ProcessHandle.current().pid()
        + "-"
        + UUID.randomUUID().toString().replace("-", "");
  }

  /**
   * Whom the masters take this client for: the principal its credential names (anonymous without
   * one, on a cluster with security off).
   *
   * @throws DfsException UNAUTHENTICATED when the credential names no one
   */
  public Principal whoAmI() {
    return master.whoAmI();
  }

  @Override
  public FileStatus mkdir(DfsPath path, boolean parents) {
    return fs.mkdir(path, parents);
  }

  @Override
  public FileStatus createEmpty(DfsPath path, boolean overwrite) {
    return fs.createEmpty(path, overwrite);
  }

  @Override
  public ClusterInfo clusterInfo() {
    return fs.clusterInfo();
  }

  @Override
  public FileStatus stat(DfsPath path) {
    return fs.stat(path);
  }

  /**
   * {@link #stat} without waiting for the answer, so one application thread can keep many stats in
   * flight (a directory scanner, a job planner checking thousands of inputs) over this client's one
   * connection, as HDFS's AsyncDistributedFileSystem does for some calls. Same answer as {@code
   * stat}: linearizable by default, following the leader; the future fails with the {@link
   * DfsException} {@code stat} would throw. The caller bounds how many it keeps in flight.
   */
  public CompletableFuture<FileStatus> statAsync(DfsPath path) {
    try {
      return CompletableFuture.supplyAsync(() -> fs.stat(path), asyncCalls);
    } catch (RejectedExecutionException e) {
      return CompletableFuture.failedFuture(
          new DfsException(ErrorCode.UNAVAILABLE, "this goDFS client is closed"));
    }
  }

  @Override
  public Listing list(DfsPath path, String startAfter, int limit) {
    return fs.list(path, startAfter, limit);
  }

  @Override
  public NameListing listNames(DfsPath path, String startAfter, int limit) {
    return fs.listNames(path, startAfter, limit);
  }

  @Override
  public FileStatus truncate(DfsPath path, long length) {
    return fs.truncate(path, length);
  }

  @Override
  public void rename(DfsPath source, DfsPath target, boolean replace) {
    fs.rename(source, target, replace);
  }

  @Override
  public void renameOver(DfsPath source, DfsPath target, FileId expectedTargetId) {
    fs.renameOver(source, target, expectedTargetId);
  }

  @Override
  public int delete(DfsPath path, boolean recursive) {
    return fs.delete(path, recursive);
  }

  @Override
  public NameChange<FileStatus> mkdirAndStatParent(DfsPath path, Ownership ownership) {
    return fs.mkdirAndStatParent(path, ownership);
  }

  @Override
  public NameChange<DfsOutput> createAndStatParent(DfsPath path, Ownership ownership) {
    return fs.createAndStatParent(path, ownership);
  }

  @Override
  public NameChange<Integer> deleteAndStatParent(DfsPath path) {
    return fs.deleteAndStatParent(path);
  }

  @Override
  public NameChange<Void> renameAndStatParents(DfsPath source, DfsPath target, boolean replace) {
    return fs.renameAndStatParents(source, target, replace);
  }

  /**
   * {@link #delete}, saying whether the master moved the path to its trash (with {@code
   * GODFS_SOFT_DELETE_GRACE} on) and until when it can be restored: ADR 0024.
   */
  @Override
  public Deletion remove(DfsPath path, boolean recursive) {
    return fs.remove(path, recursive);
  }

  /**
   * The master's trash as this client's caller: {@code trash().list(null, 0)} pages through what
   * deletes moved there (only what the caller may read), {@code trash().restore(path,
   * Optional.empty())} puts the latest deletion of {@code path} back (ADR 0024).
   */
  @Override
  public TrashClient trash() {
    return fs.trash();
  }

  /**
   * The master's snapshots as this client's caller (ADR 0025): {@code snapshots().allow(dir)}
   * (admin), {@code create(dir, name)}, {@code list(dir)}, {@code diff(dir, from, to)}, {@code
   * restore(snapshotPath, target)}, ... A snapshot is read with this client's ordinary calls at
   * {@code <dir>/.snapshot/<name>/...}, and refuses changes (READ_ONLY).
   */
  @Override
  public SnapshotClient snapshots() {
    return fs.snapshots();
  }

  /**
   * The master's directory quotas as this client's caller (ADR 0026): {@code quotas().set(dir,
   * names, space)} and {@code clear(dir, names, space)} (admin), {@code get(dir)} (read on it). A
   * write past a quota throws {@link DfsException} QUOTA_EXCEEDED naming the directory and its
   * quota; what was committed before stays.
   */
  @Override
  public QuotaClient quotas() {
    return fs.quotas();
  }

  @Override
  public int smallFileLimit() {
    return fs.smallFileLimit();
  }

  @Override
  public FileStatus writeSmallFile(DfsPath path, byte[] content, boolean overwrite) {
    return fs.writeSmallFile(path, content, overwrite);
  }

  /**
   * Copies a whole stream into {@code target} (with {@code overwrite}: replacing it) so that
   * readers see the old file, or no file, until every byte is durable on every replica: staged
   * under a name of this upload's own in the same directory and renamed into place at the end, as
   * {@code hdfs dfs -put}. A failed upload removes only its staged file; one killed mid-way leaves
   * a staged file that the master deletes when its lease expires. Use {@link #create} to stream
   * into the final name directly (readers then see the file grow).
   */
  public FileStatus upload(InputStream in, DfsPath target, boolean overwrite) throws IOException {
    return uploads.upload(target, in, UploadOptions.replace(overwrite));
  }

  /** {@link #upload} of a local file. */
  public FileStatus copyFromLocal(Path local, DfsPath target, boolean overwrite)
      throws IOException {
    try (InputStream in = Files.newInputStream(local)) {
      return upload(in, target, overwrite);
    }
  }

  @Override
  public DfsOutput create(DfsPath path, boolean overwrite) {
    return fs.create(path, overwrite);
  }

  @Override
  public DfsOutput openForWriteAt(DfsPath path, long offset) {
    return fs.openForWriteAt(path, offset);
  }

  @Override
  public FileStatus mkdir(DfsPath path, boolean parents, Ownership ownership) {
    return fs.mkdir(path, parents, ownership);
  }

  @Override
  public DfsOutput create(DfsPath path, boolean overwrite, Ownership ownership) {
    return fs.create(path, overwrite, ownership);
  }

  @Override
  public FileStatus setAttributes(DfsPath path, AttributeChange change) {
    return fs.setAttributes(path, change);
  }

  @Override
  public FileStatus setXattr(DfsPath path, String name, byte[] value, XattrMode mode) {
    return fs.setXattr(path, name, value, mode);
  }

  @Override
  public FileStatus removeXattr(DfsPath path, String name) {
    return fs.removeXattr(path, name);
  }

  @Override
  public FileStatus symlink(DfsPath path, String target, Ownership ownership) {
    return fs.symlink(path, target, ownership);
  }

  @Override
  public FileStatus link(DfsPath existing, DfsPath link) {
    return fs.link(existing, link);
  }

  @Override
  public void exchange(DfsPath first, DfsPath second) {
    fs.exchange(first, second);
  }

  @Override
  public FileStatus makeNode(DfsPath path, FileType kind, long device, Ownership ownership) {
    return fs.makeNode(path, kind, device, ownership);
  }

  @Override
  public Xattrs xattrs(DfsPath path) {
    return fs.xattrs(path);
  }

  @Override
  public LocatedFile locate(DfsPath path, long offset, long length) {
    return fs.locate(path, offset, length);
  }

  @Override
  public SeekableInput open(DfsPath path) {
    return fs.open(path);
  }

  @Override
  public void close() {
    // Calls in flight end with the channels closing under them (UNAVAILABLE); new ones are refused.
    asyncCalls.shutdown();
    fs.close();
    channels.close();
  }
}
