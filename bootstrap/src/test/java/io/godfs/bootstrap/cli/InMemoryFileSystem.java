package io.godfs.bootstrap.cli;

import io.godfs.application.port.in.Deletion;
import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.QuotaClient;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.application.port.in.SnapshotClient;
import io.godfs.application.port.in.TrashClient;
import io.godfs.application.port.in.TrashEntry;
import io.godfs.application.port.in.TrashPage;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.XattrMode;
import io.godfs.domain.file.XattrRules;
import io.godfs.domain.file.Xattrs;
import io.godfs.domain.node.ClusterInfo;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A map-based {@link FileSystemUseCase} with the namespace rules and messages of {@code
 * domain.file.Namespace}: directories, files with bytes, sorted pages of {@value #PAGE} entries by
 * default, refusals as {@link DfsException} with the right {@link ErrorCode}. It can pretend the
 * master is down ({@link #unreachable}) or fail reads after some bytes.
 */
final class InMemoryFileSystem implements FileSystemUseCase {
  static final int PAGE = 2;
  static final Instant TIME = Instant.parse("2026-01-02T03:04:05Z");
  static final long CHUNK_SIZE = 64L << 20;

  /** The master's time for a change to "now" (ADR 0028). */
  static final Instant NOW = Instant.parse("2026-06-07T08:09:10.123456789Z");

  /** Every attribute change asked, in order. */
  final List<AttributeChange> attributeChanges = new ArrayList<>();

  private final TreeMap<DfsPath, InMemoryNode> nodes = new TreeMap<>();
  boolean unreachable;
  boolean trashOn;

  /** Whether the caller is an administrator: else trusted.* is refused and hidden (ADR 0028). */
  boolean admin = true;

  /** What {@link #snapshots()} answers; null: as a client that reaches no master. */
  SnapshotClient snapshots;

  /** What {@link #quotas()} answers; null: the default refusal (this client reaches no master). */
  QuotaClient quotaClient;

  private final LinkedHashMap<TrashEntry, TreeMap<DfsPath, InMemoryNode>> trashed =
      new LinkedHashMap<>();
  long failReadsAfter = -1;
  int listCalls;
  int closes;

  InMemoryFileSystem() {
    nodes.put(DfsPath.ROOT, new InMemoryNode(FileType.DIRECTORY, null));
  }

  InMemoryFileSystem dir(String path) {
    mkdir(DfsPath.of(path), true);
    return this;
  }

  InMemoryFileSystem file(String path, byte[] bytes) {
    DfsPath p = new DfsPath(path); // as stored: may hold names from before today's rules

    mkdir(p.parent(), true);
    nodes.put(p, new InMemoryNode(FileType.FILE, bytes.clone()));
    return this;
  }

  boolean exists(String path) {
    return nodes.containsKey(DfsPath.of(path));
  }

  byte[] bytes(String path) {
    return nodes.get(DfsPath.of(path)).bytes().clone();
  }

  @Override
  public FileStatus mkdir(DfsPath path, boolean parents) {
    reachable();
    if (path.isRoot()) {
      if (parents) {
        return stat(path);
      }
      throw refused(ErrorCode.ALREADY_EXISTS, "directory / already exists");
    }
    for (DfsPath p : path.ancestorsAndSelf()) {
      InMemoryNode node = nodes.get(p);
      boolean last = p.equals(path);
      if (node == null) {
        if (!last && !parents) {
          throw refused(
              ErrorCode.NOT_FOUND,
              "parent directory " + p + " does not exist (use -p to create parents)");
        }
        nodes.put(p, new InMemoryNode(FileType.DIRECTORY, null));
      } else if (node.type() == FileType.FILE) {
        throw refused(
            last ? ErrorCode.ALREADY_EXISTS : ErrorCode.NOT_A_DIRECTORY, p + " is a file");
      } else if (last && !parents) {
        throw refused(ErrorCode.ALREADY_EXISTS, "directory " + path + " already exists");
      }
    }
    return stat(path);
  }

  @Override
  public FileStatus createEmpty(DfsPath path, boolean overwrite) {
    reachable();
    if (path.isRoot()) {
      throw refused(ErrorCode.IS_A_DIRECTORY, "/ is a directory");
    }
    directory(path.parent());
    InMemoryNode existing = nodes.get(path);
    if (existing != null && existing.type() == FileType.DIRECTORY) {
      throw refused(ErrorCode.IS_A_DIRECTORY, path + " is a directory");
    }
    if (existing != null && !overwrite) {
      throw refused(
          ErrorCode.ALREADY_EXISTS,
          "file " + path + " already exists (use overwrite to replace it)");
    }
    nodes.put(path, new InMemoryNode(FileType.FILE, new byte[0]));
    return stat(path);
  }

  @Override
  public ClusterInfo clusterInfo() {
    reachable();
    return new ClusterInfo(CHUNK_SIZE, 3, 3, 1L << 40, 0);
  }

  @Override
  public FileStatus stat(DfsPath path) {
    reachable();
    InMemoryNode node = lookup(path);
    boolean file = node.type() == FileType.FILE;
    long length = node.type() == FileType.DIRECTORY ? 0 : node.bytes().length;
    return new FileStatus(
        path,
        node.type(),
        new FileId(path.value().hashCode()),
        length,
        TIME,
        node.modified() == null ? TIME : node.modified(),
        file ? CHUNK_SIZE : 0,
        file ? 3 : 0,
        file ? (int) ((length + CHUNK_SIZE - 1) / CHUNK_SIZE) : 0,
        false,
        node.attributes() == null
            ? InodeAttributes.defaults(node.type(), TIME)
            : node.attributes());
  }

  /** As the master (ADR 0028): a path in a snapshot is read-only; the change time becomes now. */
  @Override
  public FileStatus setAttributes(DfsPath path, AttributeChange change) {
    reachable();
    if (path.segments().contains(".snapshot")) {
      throw refused(ErrorCode.READ_ONLY, path + " is in a snapshot, and snapshots are read-only");
    }
    FileStatus before = stat(path);
    attributeChanges.add(change);
    if (change.isEmpty()) {
      return before;
    }
    InodeAttributes a = before.attributes();
    Instant accessed = change.accessed().resolve(NOW);
    Instant modified = change.modified().resolve(NOW);
    InMemoryNode node = nodes.get(path);
    nodes.put(
        path,
        new InMemoryNode(
            node.type(),
            node.bytes(),
            new InodeAttributes(
                change.owner().orElse(a.owner()),
                change.group().orElse(a.group()),
                change.mode().orElse(a.mode()),
                accessed == null ? a.accessed() : accessed,
                NOW),
            modified == null ? before.modificationTime() : modified,
            node.xattrs()));
    return stat(path);
  }

  /** As the master: a link is 0777, root's without an owner, and its target is its content. */
  @Override
  public FileStatus link(DfsPath existing, DfsPath link) {
    reachable();
    InMemoryNode node = lookup(existing);
    if (node.type() == FileType.DIRECTORY) {
      throw refused(ErrorCode.NOT_PERMITTED, "link " + existing + ": it is a directory");
    }
    if (link.isRoot() || nodes.containsKey(link)) {
      throw refused(ErrorCode.ALREADY_EXISTS, link + " already exists");
    }
    directory(link.parent());
    // A copy stands in for a second name: this double has one client, which never writes both.
    nodes.put(link, node);
    return stat(link);
  }

  @Override
  public FileStatus symlink(DfsPath path, String target, Ownership ownership) {
    reachable();
    if (path.isRoot() || nodes.containsKey(path)) {
      throw refused(ErrorCode.ALREADY_EXISTS, path + " already exists");
    }
    directory(path.parent());
    Ownership o = ownership == null ? new Ownership(0, 0, 0777) : ownership;
    InodeAttributes a = new InodeAttributes(o.owner(), o.group(), 0777, TIME, TIME);
    byte[] bytes = target.getBytes(StandardCharsets.UTF_8);
    nodes.put(path, new InMemoryNode(FileType.SYMLINK, bytes, a, null, Xattrs.NONE));
    return stat(path);
  }

  @Override
  public String readlink(DfsPath path) {
    reachable();
    InMemoryNode node = lookup(path);
    if (node.type() != FileType.SYMLINK) {
      throw refused(ErrorCode.INVALID_ARGUMENT, path + " is not a symbolic link");
    }
    return new String(node.bytes(), StandardCharsets.UTF_8);
  }

  @Override
  public Xattrs xattrs(DfsPath path) {
    reachable();
    TreeMap<String, byte[]> shown = new TreeMap<>(lookup(path).xattrs().asMap());
    shown.keySet().removeIf(n -> !admin && n.startsWith(XattrRules.TRUSTED));
    return Xattrs.of(shown);
  }

  /** As the master: the name's namespace, trusted.* for administrators, the value's size. */
  @Override
  public FileStatus setXattr(DfsPath path, String name, byte[] value, XattrMode mode) {
    InMemoryNode node = xattrTarget(path, name);
    if (value.length > Xattrs.MAX_VALUE_BYTES) {
      throw refused(ErrorCode.TOO_LARGE, "extended attribute " + name + " : too large");
    }
    boolean exists = node.xattrs().contains(name);
    if (mode == XattrMode.CREATE && exists) {
      throw refused(ErrorCode.ALREADY_EXISTS, path + " already has extended attribute " + name);
    }
    if (mode == XattrMode.REPLACE && !exists) {
      throw refused(ErrorCode.NO_ATTRIBUTE, path + " has no extended attribute " + name);
    }
    TreeMap<String, byte[]> changed = new TreeMap<>(node.xattrs().asMap());
    changed.put(name, value.clone());
    nodes.put(path, node.with(Xattrs.of(changed)));
    return stat(path);
  }

  @Override
  public FileStatus removeXattr(DfsPath path, String name) {
    InMemoryNode node = xattrTarget(path, name);
    if (!node.xattrs().contains(name)) {
      throw refused(ErrorCode.NO_ATTRIBUTE, path + " has no extended attribute " + name);
    }
    TreeMap<String, byte[]> changed = new TreeMap<>(node.xattrs().asMap());
    changed.remove(name);
    nodes.put(path, node.with(Xattrs.of(changed)));
    return stat(path);
  }

  private InMemoryNode xattrTarget(DfsPath path, String name) {
    reachable();
    InMemoryNode node = lookup(path);
    DfsError bad = XattrRules.nameProblem(name);
    if (bad != null) {
      throw new DfsException(bad);
    }
    if (name.startsWith(XattrRules.TRUSTED) && !admin) {
      throw refused(ErrorCode.PERMISSION_DENIED, "cli lacks 'admin' on " + path);
    }
    return node;
  }

  @Override
  public Listing list(DfsPath path, String startAfter, int limit) {
    reachable();
    listCalls++;
    int pageSize = limit == 0 ? PAGE : limit;
    if (lookup(path).type() == FileType.FILE) {
      return new Listing(List.of(stat(path)), false);
    }
    List<FileStatus> page = new ArrayList<>();
    for (DfsPath p : nodes.tailMap(path, false).keySet()) {
      boolean child = path.contains(p) && p.parent().equals(path);
      if (!child || (startAfter != null && p.name().compareTo(startAfter) <= 0)) {
        continue;
      }
      if (page.size() == pageSize) {
        return new Listing(page, true);
      }
      page.add(stat(p));
    }
    return new Listing(page, false);
  }

  @Override
  public void renameOver(DfsPath source, DfsPath target, FileId expectedTargetId) {
    throw new UnsupportedOperationException(
        "no CLI command renames conditionally; this double keeps no file ids");
  }

  @Override
  public void rename(DfsPath source, DfsPath target, boolean replace) {
    reachable();
    if (source.isRoot()) {
      throw refused(ErrorCode.INVALID_ARGUMENT, "cannot rename /");
    }
    if (target.isRoot()) {
      throw refused(ErrorCode.ALREADY_EXISTS, "cannot rename onto /");
    }
    InMemoryNode moving = lookup(source);
    if (source.equals(target)) {
      return;
    }
    if (moving.type() == FileType.DIRECTORY && source.contains(target)) {
      throw refused(
          ErrorCode.INVALID_ARGUMENT,
          "cannot move directory " + source + " into its own subtree " + target);
    }
    directory(target.parent());
    InMemoryNode existing = nodes.get(target);
    if (existing != null) {
      if (!replace) {
        throw refused(
            ErrorCode.ALREADY_EXISTS, target + " already exists (use replace to overwrite a file)");
      }
      if (existing.type() == FileType.DIRECTORY) {
        throw refused(ErrorCode.IS_A_DIRECTORY, "cannot replace directory " + target);
      }
      if (moving.type() == FileType.DIRECTORY) {
        throw refused(
            ErrorCode.NOT_A_DIRECTORY,
            "cannot replace file " + target + " with directory " + source);
      }
    }
    for (DfsPath p : List.copyOf(nodes.keySet())) {
      if (source.contains(p)) {
        nodes.put(p.rebase(source, target), nodes.remove(p));
      }
    }
  }

  @Override
  public int delete(DfsPath path, boolean recursive) {
    reachable();
    if (path.isRoot()) {
      throw refused(ErrorCode.INVALID_ARGUMENT, "cannot delete /");
    }
    lookup(path);
    List<DfsPath> subtree = nodes.keySet().stream().filter(path::contains).toList();
    if (subtree.size() > 1 && !recursive) {
      throw refused(
          ErrorCode.NOT_EMPTY, "directory " + path + " is not empty (use recursive delete)");
    }
    int files = 0;
    for (DfsPath p : subtree) {
      files += nodes.remove(p).type() == FileType.FILE ? 1 : 0;
    }
    return files;
  }

  /**
   * With {@link #trashOn}, a master's trash (ADR 0024): a delete keeps the subtree it removed, a
   * restore puts the latest one of a path back; entries are purged at {@link #TIME} + 1 hour.
   */
  @Override
  public Deletion remove(DfsPath path, boolean recursive) {
    if (!trashOn) {
      return FileSystemUseCase.super.remove(path, recursive);
    }
    reachable();
    InMemoryNode node = nodes.get(path);
    TreeMap<DfsPath, InMemoryNode> subtree = new TreeMap<>();
    nodes.forEach(
        (p, n) -> {
          if (path.contains(p)) {
            subtree.put(p, n);
          }
        });
    delete(path, recursive);
    TrashEntry entry =
        new TrashEntry(
            TrashEntry.Id.of(TIME, trashed.size(), path.segments().size()),
            path,
            node.type(),
            node.type() == FileType.FILE ? node.bytes().length : 0,
            TIME,
            TIME.plus(Duration.ofHours(1)));
    trashed.put(entry, subtree);
    return new Deletion.Trashed(entry);
  }

  @Override
  public QuotaClient quotas() {
    reachable();
    return quotaClient != null ? quotaClient : FileSystemUseCase.super.quotas();
  }

  @Override
  public SnapshotClient snapshots() {
    reachable();
    return snapshots == null ? FileSystemUseCase.super.snapshots() : snapshots;
  }

  @Override
  public TrashClient trash() {
    reachable();
    if (!trashOn) {
      return FileSystemUseCase.super.trash();
    }
    return new TrashClient() {
      @Override
      public Deletion delete(DfsPath path, boolean recursive) {
        return remove(path, recursive);
      }

      @Override
      public TrashPage list(String startAfter, int limit) {
        return new TrashPage(List.copyOf(trashed.keySet()), Optional.empty());
      }

      @Override
      public FileStatus restore(DfsPath path, Optional<TrashEntry.Id> id) {
        TrashEntry entry =
            trashed.sequencedKeySet().reversed().stream()
                .filter(e -> e.original().equals(path))
                .filter(e -> id.isEmpty() || id.get().equals(e.id()))
                .findFirst()
                .orElseThrow(
                    () ->
                        refused(
                            ErrorCode.NOT_FOUND, "no deletion of " + path + " is in the trash"));
        if (nodes.containsKey(path)) {
          throw refused(ErrorCode.ALREADY_EXISTS, "cannot restore " + path + ": it exists now");
        }
        mkdir(path.parent(), true);
        nodes.putAll(trashed.remove(entry));
        return stat(path);
      }
    };
  }

  @Override
  public DfsOutput create(DfsPath path, boolean overwrite) {
    createEmpty(path, overwrite);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    return new InMemoryOutput(() -> stat(path).fileId()) {
      @Override
      public void write(int b) {
        bytes.write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
      }

      @Override
      public void sync() {
        nodes.put(path, new InMemoryNode(FileType.FILE, bytes.toByteArray()));
      }

      @Override
      public void close() {
        sync();
      }
    };
  }

  @Override
  public FileStatus truncate(DfsPath path, long length) {
    reachable();
    InMemoryNode node = lookup(path);
    if (node.type() == FileType.DIRECTORY) {
      throw refused(ErrorCode.IS_A_DIRECTORY, path + " is a directory");
    }
    if (length < 0) {
      throw refused(
          ErrorCode.INVALID_ARGUMENT,
          "truncate " + path + ": length : " + length + " (expected: >= 0)");
    }
    nodes.put(
        path,
        new InMemoryNode(FileType.FILE, Arrays.copyOf(node.bytes(), Math.toIntExact(length))));
    return stat(path);
  }

  @Override
  public DfsOutput openForWriteAt(DfsPath path, long offset) {
    // Uploads take the target's lease around their final rename and write nothing through it; this
    // double has a single client, so there is no other writer to refuse.
    reachable();
    if (lookup(path).type() == FileType.DIRECTORY) {
      throw refused(ErrorCode.IS_A_DIRECTORY, path + " is a directory");
    }
    return new InMemoryOutput(() -> stat(path).fileId()) {
      @Override
      public void write(int b) {
        throw new UnsupportedOperationException(
            "the CLI writes nothing through a lease it holds for a rename");
      }

      @Override
      public void sync() {}
    };
  }

  @Override
  public SeekableInput open(DfsPath path) {
    reachable();
    InMemoryNode node = lookup(path);
    if (node.type() == FileType.DIRECTORY) {
      throw refused(ErrorCode.IS_A_DIRECTORY, path + " is a directory");
    }
    return new BytesInput(node.bytes(), failReadsAfter);
  }

  @Override
  public void close() {
    closes++;
  }

  private void reachable() {
    if (unreachable) {
      throw refused(
          ErrorCode.UNAVAILABLE,
          "cannot reach the master at 127.0.0.1:9090 (UNAVAILABLE: io exception)");
    }
  }

  private InMemoryNode lookup(DfsPath path) {
    for (DfsPath p : path.ancestorsAndSelf()) {
      InMemoryNode node = nodes.get(p);
      if (node == null) {
        throw refused(
            ErrorCode.NOT_FOUND,
            p.equals(path)
                ? path + " does not exist"
                : path + " does not exist (no directory " + p + ")");
      }
      if (node.type() != FileType.DIRECTORY && !p.equals(path)) {
        throw refused(ErrorCode.NOT_A_DIRECTORY, p + " is a file, not a directory");
      }
    }
    return nodes.get(path);
  }

  private void directory(DfsPath path) {
    if (lookup(path).type() != FileType.DIRECTORY) {
      throw refused(ErrorCode.NOT_A_DIRECTORY, path + " is a file, not a directory");
    }
  }

  private static DfsException refused(ErrorCode code, String message) {
    return new DfsException(code, message);
  }
}
