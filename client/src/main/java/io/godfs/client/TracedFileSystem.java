package io.godfs.client;

import io.godfs.application.port.in.Deletion;
import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.QuotaClient;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.application.port.in.SnapshotClient;
import io.godfs.application.port.in.TrashClient;
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
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * One trace per client operation (ADR 0023): each call of the file system in-port is an INTERNAL
 * span {@code godfs.<operation>}, current while the operation runs, with a request id of its own
 * (kept when the caller's Context already has one) that every call it makes sends as {@code
 * x-request-id}. A stream's span lasts from its opening to its close and is current in each of its
 * calls, so a file written in many pieces is one trace down to the last pipeline hop. Only used
 * when the client traces: an untraced client pays nothing.
 */
final class TracedFileSystem implements FileSystemUseCase {
  static final String REQUEST_ID = "godfs.request_id";

  private final FileSystemUseCase fs;
  private final Tracer tracer;

  TracedFileSystem(FileSystemUseCase fs, OpenTelemetry tracing) {
    this.fs = fs;
    this.tracer = tracing.getTracer("io.godfs.client");
  }

  /** A span and the request id for one operation, not yet current. */
  private Context begin(String operation) {
    Context parent = Context.current();
    Baggage baggage = Baggage.fromContext(parent);
    String requestId = baggage.getEntryValue(REQUEST_ID);
    if (requestId == null) {
      // A correlation id, not a secret: the thread's generator, no shared lock.
      requestId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
      baggage = baggage.toBuilder().put(REQUEST_ID, requestId).build();
    }
    Span span =
        tracer
            .spanBuilder("godfs." + operation)
            .setParent(parent)
            .setAttribute(REQUEST_ID, requestId)
            .startSpan();
    return parent.with(span).with(baggage);
  }

  private static void fail(Context operation, RuntimeException e) {
    Span span = Span.fromContext(operation);
    span.recordException(e);
    span.setStatus(StatusCode.ERROR);
  }

  private <T> T traced(String operation, Supplier<T> call) {
    Context context = begin(operation);
    try (Scope ignored = context.makeCurrent()) {
      return call.get();
    } catch (RuntimeException e) {
      fail(context, e);
      throw e;
    } finally {
      Span.fromContext(context).end();
    }
  }

  @Override
  public FileStatus mkdir(DfsPath path, boolean parents) {
    return traced("mkdir", () -> fs.mkdir(path, parents));
  }

  @Override
  public FileStatus createEmpty(DfsPath path, boolean overwrite) {
    return traced("create_empty", () -> fs.createEmpty(path, overwrite));
  }

  @Override
  public FileStatus stat(DfsPath path) {
    return traced("stat", () -> fs.stat(path));
  }

  @Override
  public FileStatus mkdir(DfsPath path, boolean parents, Ownership ownership) {
    return traced("mkdir", () -> fs.mkdir(path, parents, ownership));
  }

  @Override
  public FileStatus setAttributes(DfsPath path, AttributeChange change) {
    return traced("set_attributes", () -> fs.setAttributes(path, change));
  }

  @Override
  public FileStatus setXattr(DfsPath path, String name, byte[] value, XattrMode mode) {
    return traced("set_xattr", () -> fs.setXattr(path, name, value, mode));
  }

  @Override
  public FileStatus removeXattr(DfsPath path, String name) {
    return traced("remove_xattr", () -> fs.removeXattr(path, name));
  }

  @Override
  public FileStatus symlink(DfsPath path, String target, Ownership ownership) {
    return traced("symlink", () -> fs.symlink(path, target, ownership));
  }

  @Override
  public FileStatus link(DfsPath existing, DfsPath link) {
    return traced("link", () -> fs.link(existing, link));
  }

  @Override
  public void exchange(DfsPath first, DfsPath second) {
    traced(
        "exchange",
        () -> {
          fs.exchange(first, second);
          return null;
        });
  }

  @Override
  public FileStatus makeNode(DfsPath path, FileType kind, long device, Ownership ownership) {
    return traced("mknod", () -> fs.makeNode(path, kind, device, ownership));
  }

  @Override
  public Xattrs xattrs(DfsPath path) {
    return traced("xattrs", () -> fs.xattrs(path));
  }

  @Override
  public LocatedFile locate(DfsPath path, long offset, long length) {
    return traced("locate", () -> fs.locate(path, offset, length));
  }

  @Override
  public ClusterInfo clusterInfo() {
    return traced("cluster_info", fs::clusterInfo);
  }

  @Override
  public Listing list(DfsPath path, String startAfter, int limit) {
    return traced("list", () -> fs.list(path, startAfter, limit));
  }

  @Override
  public NameListing listNames(DfsPath path, String startAfter, int limit) {
    return traced("list_names", () -> fs.listNames(path, startAfter, limit));
  }

  @Override
  public void rename(DfsPath source, DfsPath target, boolean replace) {
    traced(
        "rename",
        () -> {
          fs.rename(source, target, replace);
          return null;
        });
  }

  @Override
  public void renameOver(DfsPath source, DfsPath target, FileId expectedTargetId) {
    traced(
        "rename",
        () -> {
          fs.renameOver(source, target, expectedTargetId);
          return null;
        });
  }

  @Override
  public int delete(DfsPath path, boolean recursive) {
    return traced("delete", () -> fs.delete(path, recursive));
  }

  @Override
  public NameChange<FileStatus> mkdirAndStatParent(DfsPath path, Ownership ownership) {
    return traced("mkdir", () -> fs.mkdirAndStatParent(path, ownership));
  }

  @Override
  public NameChange<Integer> deleteAndStatParent(DfsPath path) {
    return traced("delete", () -> fs.deleteAndStatParent(path));
  }

  @Override
  public NameChange<Void> renameAndStatParents(DfsPath source, DfsPath target, boolean replace) {
    return traced("rename", () -> fs.renameAndStatParents(source, target, replace));
  }

  @Override
  public Deletion remove(DfsPath path, boolean recursive) {
    return traced("delete", () -> fs.remove(path, recursive));
  }

  /** Its calls are spans of the gRPC client (ADR 0023), not operations of their own. */
  @Override
  public TrashClient trash() {
    return fs.trash();
  }

  /** Its calls are spans of the gRPC client (ADR 0023), not operations of their own. */
  @Override
  public SnapshotClient snapshots() {
    return fs.snapshots();
  }

  /** Its calls are spans of the gRPC client (ADR 0023), not operations of their own. */
  @Override
  public QuotaClient quotas() {
    return fs.quotas();
  }

  @Override
  public FileStatus truncate(DfsPath path, long length) {
    return traced("truncate", () -> fs.truncate(path, length));
  }

  @Override
  public int smallFileLimit() {
    return fs.smallFileLimit();
  }

  @Override
  public FileStatus writeSmallFile(DfsPath path, byte[] content, boolean overwrite) {
    return traced("write_small_file", () -> fs.writeSmallFile(path, content, overwrite));
  }

  @Override
  public DfsOutput create(DfsPath path, boolean overwrite) {
    return output("create", () -> fs.create(path, overwrite));
  }

  @Override
  public DfsOutput create(DfsPath path, boolean overwrite, Ownership ownership) {
    return output("create", () -> fs.create(path, overwrite, ownership));
  }

  @Override
  public NameChange<DfsOutput> createAndStatParent(DfsPath path, Ownership ownership) {
    Context context = begin("create");
    NameChange<DfsOutput> created = opening(context, () -> fs.createAndStatParent(path, ownership));
    return new NameChange<>(new TracedOutput(created.result(), context), created.parents());
  }

  @Override
  public DfsOutput openForWriteAt(DfsPath path, long offset) {
    return output("open_for_write", () -> fs.openForWriteAt(path, offset));
  }

  @Override
  public SeekableInput open(DfsPath path) {
    Context context = begin("open");
    return new TracedInput(opening(context, () -> fs.open(path)), context);
  }

  private DfsOutput output(String operation, Supplier<DfsOutput> open) {
    Context context = begin(operation);
    return new TracedOutput(opening(context, open), context);
  }

  /** Opens a stream inside its operation's span, which ends here only if the opening fails. */
  private static <T> T opening(Context context, Supplier<T> open) {
    try (Scope ignored = context.makeCurrent()) {
      return open.get();
    } catch (RuntimeException e) {
      fail(context, e);
      Span.fromContext(context).end();
      throw e;
    }
  }

  @Override
  public void close() {
    fs.close();
  }

  /** A stream whose calls run inside its operation's span, which its close ends. */
  private static final class TracedOutput extends DfsOutput {
    private final DfsOutput out;
    private final Context context;
    private boolean closed;

    TracedOutput(DfsOutput out, Context context) {
      this.out = out;
      this.context = context;
    }

    @Override
    public FileId fileId() {
      return out.fileId();
    }

    @Override
    public long chunkSize() {
      return out.chunkSize();
    }

    @Override
    public void write(int b) throws IOException {
      try (Scope ignored = context.makeCurrent()) {
        out.write(b);
      }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      try (Scope ignored = context.makeCurrent()) {
        out.write(b, off, len);
      }
    }

    @Override
    public void flush() throws IOException {
      try (Scope ignored = context.makeCurrent()) {
        out.flush();
      }
    }

    @Override
    public void sync() throws IOException {
      try (Scope ignored = context.makeCurrent()) {
        out.sync();
      }
    }

    @Override
    public void close() throws IOException {
      try (Scope ignored = context.makeCurrent()) {
        out.close();
      } catch (IOException | RuntimeException e) {
        Span.fromContext(context).recordException(e);
        Span.fromContext(context).setStatus(StatusCode.ERROR);
        throw e;
      } finally {
        if (!closed) {
          closed = true;
          Span.fromContext(context).end();
        }
      }
    }
  }

  /** A reader whose calls run inside its operation's span, which its close ends. */
  private static final class TracedInput extends SeekableInput {
    private final SeekableInput in;
    private final Context context;
    private boolean closed;

    TracedInput(SeekableInput in, Context context) {
      this.in = in;
      this.context = context;
    }

    @Override
    public int read() throws IOException {
      try (Scope ignored = context.makeCurrent()) {
        return in.read();
      }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      try (Scope ignored = context.makeCurrent()) {
        return in.read(b, off, len);
      }
    }

    @Override
    public void seek(long position) throws IOException {
      try (Scope ignored = context.makeCurrent()) {
        in.seek(position);
      }
    }

    @Override
    public long position() {
      return in.position();
    }

    @Override
    public long length() {
      return in.length();
    }

    @Override
    public void close() throws IOException {
      try (Scope ignored = context.makeCurrent()) {
        in.close();
      } finally {
        if (!closed) {
          closed = true;
          Span.fromContext(context).end();
        }
      }
    }
  }
}
