package io.godfs.application.client;

import io.godfs.application.port.in.Deletion;
import io.godfs.application.port.in.DfsIOException;
import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.QuotaClient;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.application.port.in.SnapshotClient;
import io.godfs.application.port.in.TrashClient;
import io.godfs.application.port.out.ChunkFetcher;
import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.application.port.out.ClientIoMeter;
import io.godfs.application.port.out.ClientIoMeter.Operation;
import io.godfs.application.port.out.MasterClient;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.LocatedFile;
import io.godfs.domain.file.NameChange;
import io.godfs.domain.file.NameListing;
import io.godfs.domain.file.Namespace;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.XattrMode;
import io.godfs.domain.file.Xattrs;
import io.godfs.domain.node.ClusterInfo;
import java.io.IOException;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The client's file operations: namespace calls go to the master, bytes to and from chunkservers.
 * Each call's outcome, and the streams' bytes, go to the {@link ClientIoMeter}.
 */
final class FileSystemService implements FileSystemUseCase {
  private final MasterClient master;
  private final ChunkPipeline pipeline;
  private final ChunkFetcher fetcher;
  private final ClientSettings settings;
  private final LeaseRenewer leases;
  private final ClientIoMeter meter;

  /** Full-size piece buffers, shared by this client's write streams: enough for one at a time. */
  private final StreamBuffers buffers;

  private final Optional<TrashClient> trash;
  private final Optional<SnapshotClient> snapshots;
  private final Optional<QuotaClient> quotas;

  FileSystemService(
      MasterClient master,
      ChunkPipeline pipeline,
      ChunkFetcher fetcher,
      ClientSettings settings,
      String clientName,
      ClientIoMeter meter,
      Optional<TrashClient> trash,
      Optional<SnapshotClient> snapshots,
      Optional<QuotaClient> quotas) {
    this.meter = meter;
    this.quotas = quotas;
    this.trash = trash;
    this.snapshots = snapshots;
    this.master = master;
    this.pipeline = pipeline;
    this.fetcher = fetcher;
    this.settings = settings;
    this.buffers = new StreamBuffers(settings.maxPiecesInFlight() + 1);
    this.leases = new LeaseRenewer(master, LeaseHolder.client(clientName));
  }

  @Override
  public FileStatus mkdir(DfsPath path, boolean parents) {
    return metered(Operation.MKDIR, () -> master.mkdir(path, parents));
  }

  @Override
  public FileStatus mkdir(DfsPath path, boolean parents, Ownership ownership) {
    return metered(Operation.MKDIR, () -> master.mkdir(path, parents, ownership));
  }

  @Override
  public FileStatus setAttributes(DfsPath path, AttributeChange change) {
    return metered(Operation.SET_ATTRIBUTES, () -> master.setAttributes(path, change));
  }

  @Override
  public FileStatus setXattr(DfsPath path, String name, byte[] value, XattrMode mode) {
    return metered(Operation.SET_ATTRIBUTES, () -> master.setXattr(path, name, value, mode));
  }

  @Override
  public FileStatus removeXattr(DfsPath path, String name) {
    return metered(Operation.SET_ATTRIBUTES, () -> master.removeXattr(path, name));
  }

  @Override
  public FileStatus symlink(DfsPath path, String target, Ownership ownership) {
    return metered(Operation.CREATE_EMPTY, () -> master.symlink(path, target, ownership));
  }

  @Override
  public FileStatus link(DfsPath existing, DfsPath link) {
    return metered(Operation.RENAME, () -> master.link(existing, link));
  }

  @Override
  public void exchange(DfsPath first, DfsPath second) {
    metered(
        Operation.RENAME,
        () -> {
          master.exchange(first, second);
          return null;
        });
  }

  @Override
  public FileStatus makeNode(DfsPath path, FileType kind, long device, Ownership ownership) {
    return metered(Operation.CREATE_EMPTY, () -> master.makeNode(path, kind, device, ownership));
  }

  @Override
  public Xattrs xattrs(DfsPath path) {
    return metered(Operation.STAT, () -> master.xattrs(path));
  }

  @Override
  public FileStatus createEmpty(DfsPath path, boolean overwrite) {
    return metered(
        Operation.CREATE_EMPTY, () -> master.create(NewFile.withClusterDefaults(path, overwrite)));
  }

  @Override
  public ClusterInfo clusterInfo() {
    return metered(Operation.CLUSTER_INFO, master::clusterInfo);
  }

  @Override
  public FileStatus stat(DfsPath path) {
    return metered(Operation.STAT, () -> master.stat(path));
  }

  @Override
  public LocatedFile locate(DfsPath path, long offset, long length) {
    return metered(Operation.LOCATE, () -> master.locate(path, offset, length));
  }

  @Override
  public Listing list(DfsPath path, String startAfter, int limit) {
    return metered(Operation.LIST, () -> master.list(path, startAfter, limit));
  }

  @Override
  public NameListing listNames(DfsPath path, String startAfter, int limit) {
    return metered(Operation.LIST_NAMES, () -> master.listNames(path, startAfter, limit));
  }

  @Override
  public void rename(DfsPath source, DfsPath target, boolean replace) {
    metered(
        Operation.RENAME,
        () -> {
          master.rename(source, target, replace);
          return null;
        });
  }

  @Override
  public void renameOver(DfsPath source, DfsPath target, FileId expectedTargetId) {
    metered(
        Operation.RENAME_OVER,
        () -> {
          master.renameOver(source, target, expectedTargetId);
          return null;
        });
  }

  @Override
  public int delete(DfsPath path, boolean recursive) {
    return metered(Operation.DELETE, () -> master.delete(path, recursive));
  }

  @Override
  public NameChange<FileStatus> mkdirAndStatParent(DfsPath path, Ownership ownership) {
    return metered(Operation.MKDIR, () -> master.mkdirAndStatParent(path, ownership));
  }

  @Override
  public NameChange<Integer> deleteAndStatParent(DfsPath path) {
    return metered(Operation.DELETE, () -> master.deleteAndStatParent(path));
  }

  @Override
  public NameChange<Void> renameAndStatParents(DfsPath source, DfsPath target, boolean replace) {
    return metered(Operation.RENAME, () -> master.renameAndStatParents(source, target, replace));
  }

  @Override
  public Deletion remove(DfsPath path, boolean recursive) {
    if (trash.isEmpty()) {
      return FileSystemUseCase.super.remove(path, recursive);
    }
    return metered(Operation.DELETE, () -> trash.get().delete(path, recursive));
  }

  @Override
  public TrashClient trash() {
    return trash.orElseGet(FileSystemUseCase.super::trash);
  }

  @Override
  public SnapshotClient snapshots() {
    return snapshots.orElseGet(FileSystemUseCase.super::snapshots);
  }

  @Override
  public QuotaClient quotas() {
    return quotas.orElseGet(FileSystemUseCase.super::quotas);
  }

  @Override
  public FileStatus truncate(DfsPath path, long length) {
    return metered(Operation.TRUNCATE, () -> truncateUnmetered(path, length));
  }

  private FileStatus truncateUnmetered(DfsPath path, long length) {
    try {
      return master.truncate(path, length, leases.writer());
    } catch (DfsException e) {
      if (e.code() != ErrorCode.CONFLICT || length <= Namespace.MAX_INLINE_LENGTH) {
        throw e;
      }
      // Growing a small file held inline past the inline limit: its bytes move to chunk 0 first.
      FileStatus file = master.openForWrite(path, leases.writer());
      if (!file.inline()) {
        throw e;
      }
      leases.opened(file.fileId());
      try {
        moveInlineToChunks(path, file.fileId(), file.chunkSize());
      } catch (IOException io) {
        throw new DfsException(
            ErrorCode.UNAVAILABLE,
            "truncate of "
                + path
                + " could not move its inline bytes"
                + " to a chunk: "
                + io.getMessage());
      } finally {
        if (leases.closed(file.fileId())) {
          master.closeFile(file.fileId(), leases.writer());
        }
      }
      return master.truncate(path, length, leases.writer());
    }
  }

  @Override
  public int smallFileLimit() {
    return settings.inlineMaxBytes();
  }

  @Override
  public FileStatus writeSmallFile(DfsPath path, byte[] content, boolean overwrite) {
    if (content.length > settings.inlineMaxBytes()) {
      throw new DfsException(
          ErrorCode.INVALID_ARGUMENT,
          "small file content : "
              + content.length
              + " bytes for "
              + path
              + " (expected: at most "
              + settings.inlineMaxBytes()
              + "; write larger files"
              + " with create)");
    }
    return metered(
        Operation.WRITE_SMALL_FILE,
        () -> {
          FileStatus written =
              master.createWithContent(NewFile.withClusterDefaults(path, overwrite), content);
          meter.written(content.length);
          return written;
        });
  }

  @Override
  public DfsOutput create(DfsPath path, boolean overwrite) {
    return create(path, overwrite, null);
  }

  @Override
  public DfsOutput create(DfsPath path, boolean overwrite, Ownership ownership) {
    NewFile file = NewFile.withClusterDefaults(path, overwrite).withOwnership(ownership);
    return metered(Operation.CREATE, () -> stream(path, master.create(file, leases.writer()), 0));
  }

  @Override
  public NameChange<DfsOutput> createAndStatParent(DfsPath path, Ownership ownership) {
    NewFile file = NewFile.withClusterDefaults(path, false).withOwnership(ownership);
    return metered(
        Operation.CREATE,
        () -> {
          NameChange<FileStatus> created = master.createAndStatParent(file, leases.writer());
          return new NameChange<>(stream(path, created.result(), 0), created.parents());
        });
  }

  @Override
  public DfsOutput openForWriteAt(DfsPath path, long offset) {
    if (offset < 0) {
      throw new DfsException(
          ErrorCode.INVALID_ARGUMENT, "write offset : " + offset + " (expected: >= 0)");
    }
    return metered(
        Operation.OPEN_FOR_WRITE,
        () -> stream(path, master.openForWrite(path, leases.writer()), offset));
  }

  private DfsOutput stream(DfsPath path, FileStatus file, long offset) {
    leases.opened(file.fileId());
    FileId id = file.fileId();
    long chunkSize = file.chunkSize();
    int inlineLimit =
        file.chunkCount() == 0 && file.length() <= settings.inlineMaxBytes()
            ? settings.inlineMaxBytes()
            : 0;
    return new DfsOutputStream(
        master,
        pipeline,
        fetcher,
        settings,
        path,
        id,
        chunkSize,
        offset,
        leases,
        inlineLimit,
        file.inline(),
        () -> moveInlineToChunks(path, id, chunkSize),
        meter,
        buffers);
  }

  /**
   * Rewrites a small file's inline bytes as its chunk 0 (whose commit drops them on the master), so
   * that a stream may write chunks to it. The caller holds the file's lease.
   */
  private void moveInlineToChunks(DfsPath path, FileId fileId, long chunkSize) throws IOException {
    LocatedFile located;
    try {
      located = master.locate(path, 0, chunkSize);
    } catch (DfsException e) {
      throw new DfsIOException(e);
    }
    if (located.inline() == null || !located.status().fileId().equals(fileId)) {
      return; // nothing inline (any more), or the path names another file now: the master refuses a
      // wrong chunk
    }
    leases.opened(fileId);
    try (DfsOutputStream out =
        new DfsOutputStream(master, pipeline, settings, path, fileId, chunkSize, 0, leases)) {
      out.write(located.inline());
    }
  }

  @Override
  public SeekableInput open(DfsPath path) {
    return metered(Operation.OPEN, () -> openUnmetered(path));
  }

  private SeekableInput openUnmetered(DfsPath path) {
    FileStatus file = master.stat(path);
    if (file.isDirectory()) {
      throw new DfsException(ErrorCode.IS_A_DIRECTORY, path + " is a directory");
    }
    return new DfsInputStream(
        master,
        fetcher,
        path,
        master.locate(path, 0, DfsInputStream.firstWindowBytes(file.chunkSize())),
        meter);
  }

  /** Runs {@code body}, counting its outcome as {@code operation}'s. */
  private <T> T metered(Operation operation, Supplier<T> body) {
    T result;
    try {
      result = body.get();
    } catch (RuntimeException e) {
      meter.failed(operation, codeOf(e));
      throw e;
    }
    meter.succeeded(operation);
    return result;
  }

  /** The goDFS refusal a failure carries, if any. */
  static Optional<ErrorCode> codeOf(Throwable e) {
    return switch (e) {
      case DfsException d -> Optional.of(d.code());
      case DfsIOException d -> Optional.of(d.error().code());
      default -> Optional.empty();
    };
  }

  @Override
  public void close() {
    leases.close();
    master.close();
  }
}
