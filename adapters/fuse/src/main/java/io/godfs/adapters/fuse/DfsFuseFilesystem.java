package io.godfs.adapters.fuse;

import io.godfs.adapters.fuse.ErrnoMapper.Operation;
import io.godfs.adapters.fuse.Fuse3Callbacks.FillDir;
import io.godfs.adapters.fuse.PosixAttributes.Caller;
import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.out.MountMeter;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.AttributeChange.TimeChange;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.NameChange;
import io.godfs.domain.file.Ownership;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import jnr.ffi.Pointer;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.Statvfs;

/**
 * goDFS as a FUSE file system (libfuse 3 high-level API, bound by {@link FuseOperationsTable}):
 * every callback turns a mount path into a goDFS path below the prefix, drives {@link
 * FileSystemUseCase} and returns 0, a byte count or a negated errno from {@link ErrnoMapper}.
 * libfuse calls back on several threads. Buffering lives in {@link OpenFile}, caching in {@link
 * MetadataCache}.
 */
final class DfsFuseFilesystem implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(DfsFuseFilesystem.class.getName());
  // Linux open(2) flags.
  private static final int O_ACCMODE = 03;
  private static final int O_RDONLY = 0;
  private static final int O_EXCL = 0200;
  private static final int O_TRUNC = 01000;
  private static final int MAX_NAME_BYTES = DfsPath.MAX_SEGMENT_BYTES + 1;

  private final FileSystemUseCase fs;
  private final MountOptions options;
  private final MetadataCache cache;
  private final Deadlines deadlines;
  private final OpenFiles openFiles = new OpenFiles();
  private final CachedNamespace names;
  private final HandleTable handles = new HandleTable();
  private final Map<Long, DirectoryCursor> directories = new ConcurrentHashMap<>();
  private final FuseCalls calls;
  final FuseXattrs xattrs; // setxattr, getxattr, listxattr, removexattr: on this mount's caches
  final FuseSymlinks symlinks; // symlink, readlink: on this mount's caches
  final FuseSpecialFiles specialFiles; // mknod
  final FuseHardLinks hardLinks; // link, rename's exchange
  final FuseFallocate fallocate; // fallocate: grows a file's length, reserves no space
  final FuseNameChanges nameChanges; // unlink, rename: open files follow their names
  private final TransferBuffers buffers = new TransferBuffers();

  /** Every callback run by {@code calls} (counted, timed, traced as it says). */
  DfsFuseFilesystem(FileSystemUseCase fs, MountOptions options, FuseCalls calls) {
    this.calls = calls;
    this.fs = fs;
    this.options = options;
    this.cache = new MetadataCache(options.attrTtl(), options.dirTtl(), options.negativeTtl());
    this.deadlines = new Deadlines(options.rpcTimeout());
    this.names = new CachedNamespace(fs, cache, openFiles, deadlines);
    this.xattrs = new FuseXattrs(fs, cache, deadlines, calls, this::resolve, options.readOnly());
    this.symlinks = new FuseSymlinks(fs, cache, deadlines, calls, this::resolve, options);
    this.specialFiles = new FuseSpecialFiles(fs, cache, deadlines, calls, this::resolve, options);
    this.hardLinks =
        new FuseHardLinks(fs, cache, deadlines, calls, openFiles, names, this::writable);
    this.fallocate = new FuseFallocate(calls, handles, options.readOnly());
    this.nameChanges =
        new FuseNameChanges(
            fs, cache, names, deadlines, calls, openFiles, hardLinks, this::writable);
  }

  /** Once mounted: {@code fuse} is libfuse's handle, for dropping the kernel's cache of a name. */
  void attachKernel(LibFuse3 libfuse, Pointer fuse) {
    cache.invalidatingKernel(new KernelInvalidation(libfuse, fuse, options.prefix()));
  }

  // ---- attributes and directories ----

  int getattr(String path, FileStat stat) {
    return calls.run(
        "getattr",
        path,
        () -> {
          StatFill.fill(stat, names.attributes(resolve(path)));
          return 0;
        });
  }

  int opendir(String path, FileInfo fi) {
    return calls.run(
        "opendir",
        path,
        () -> {
          DfsPath dir = resolve(path);
          if (!names.attributes(dir).directory()) {
            return -Errno.ENOTDIR;
          }
          long id = handles.nextId();
          directories.put(id, new DirectoryCursor(dir, names::namesPage));
          fi.handle(id);
          return 0;
        });
  }

  /** readdir: {@link DirectoryFill}. */
  int readdir(String path, Pointer buf, FillDir filler, long offset, FileInfo fi) {
    return calls.run(
        "readdir",
        path,
        () -> {
          DirectoryCursor cursor = directories.get(fi.handle());
          return cursor == null ? -Errno.EBADF : DirectoryFill.fill(cursor, filler, buf, offset);
        });
  }

  int releasedir(FileInfo fi) {
    return calls.run(
        "releasedir",
        "",
        () -> {
          directories.remove(fi.handle());
          return 0;
        });
  }

  /** mkdir(2) by {@code caller} (who owns the new directory) with {@code mode}. */
  int mkdir(String path, int mode, Caller caller) {
    return calls.run(
        "mkdir",
        path,
        () -> {
          DfsPath dir = writable(path);
          Ownership owner = PosixAttributes.ownership(caller, mode, options);
          NameChange<FileStatus> made;
          try {
            made = deadlines.call("mkdir " + dir, () -> fs.mkdirAndStatParent(dir, owner));
          } catch (RuntimeException e) {
            cache.forgetNames(dir.parent()); // it may exist after all: made by another, or by this
            throw e;
          }
          cache.created(dir);
          cache.madeEmpty(dir);
          cache.put(dir, Attributes.of(made.result()));
          cache.parentsChanged(made.parents());
          return 0;
        });
  }

  int rmdir(String path) {
    return calls.run(
        "rmdir",
        path,
        () -> {
          DfsPath dir = writable(path);
          if (!names.attributes(dir).directory()) {
            return -Errno.ENOTDIR;
          }
          NameChange<Integer> removed =
              deadlines.call("rmdir " + dir, () -> fs.deleteAndStatParent(dir));
          cache.directoryRemoved(dir);
          cache.parentsChanged(removed.parents());
          return 0;
        });
  }

  int chmod(String path, long mode) {
    return setAttributes("chmod", path, () -> AttributeChange.mode((int) (mode & 07777)));
  }

  /** chown(2): an id of (uid_t) -1 leaves it as it is. */
  int chown(String path, long uid, long gid) {
    return setAttributes("chown", path, () -> PosixAttributes.owner(uid, gid));
  }

  /** utimensat(2) with {@code struct timespec[2]}: UTIME_NOW, UTIME_OMIT or a time each. */
  int utimens(String path, Pointer times) {
    return setAttributes("utimens", path, () -> PosixAttributes.times(times));
  }

  /**
   * One change of owner, group, mode or times (ADR 0028): the kernel has checked that the caller
   * may make it (default_permissions), the master makes it and sets the change time. Bytes this
   * mount still buffers for the file are written out before a new modification time, which they
   * would otherwise move again when they reach the master.
   */
  private int setAttributes(String op, String path, Supplier<AttributeChange> decode) {
    return calls.run(
        op,
        path,
        () -> {
          DfsPath target = writable(path);
          AttributeChange change = decode.get();
          if (change.isEmpty()) {
            names.attributes(target);
            return 0;
          }
          OpenFile open = names.openFile(target);
          boolean times = !change.modified().equals(TimeChange.KEEP);
          if (open != null && times) {
            open.flush();
          }
          FileStatus status =
              deadlines.call(op + " " + target, () -> fs.setAttributes(target, change));
          if (open != null && times) {
            open.modificationTimeSet();
          }
          cache.updated(target, Attributes.of(status));
          return 0;
        });
  }

  int statfs(String path, Statvfs stbuf) {
    return calls.run(
        "statfs",
        path,
        () -> {
          var info = deadlines.call("statfs", fs::clusterInfo);
          StatFill.fill(stbuf, info.capacityBytes(), info.usedBytes(), options.readOnly());
          return 0;
        });
  }

  // ---- files ----

  /** open(2) with O_CREAT of a missing file, by {@code caller} (its owner) with {@code mode}. */
  int create(String path, int mode, Caller caller, FileInfo fi) {
    return calls.run(
        "create",
        path,
        Operation.NAMESPACE,
        () -> {
          DfsPath file = writable(path);
          Ownership owner = PosixAttributes.ownership(caller, mode, options);
          // What the new file's group is depends on the directory's setgid bit (the master passes
          // its group down): known from the cache, also after earlier creates in it.
          Attributes parent = cache.ownership(file.parent());
          Attributes dir = parent != null ? parent : names.attributes(file.parent());
          NameChange<DfsOutput> created;
          try {
            created = deadlines.call("create " + file, () -> fs.createAndStatParent(file, owner));
          } catch (RuntimeException e) {
            cache.forgetNames(file.parent()); // it may exist after all: made by another, or by this
            if (e instanceof DfsException d
                && d.code() == ErrorCode.ALREADY_EXISTS
                && (fi.flags() & O_EXCL) == 0) {
              return openExisting(file, fi); // lost a race with another creator: O_CREAT opens it
            }
            throw e;
          }
          DfsOutput stream = created.result();
          cache.created(file);
          cache.parentsChanged(created.parents());
          cache.put(file, Attributes.newFile(owner, dir, Instant.now(), stream.fileId().value()));
          OpenFile fresh = OpenFile.created(fs, deadlines, options.maxDirtyBytes(), file, stream);
          OpenFile open = openFiles.acquire(file, () -> fresh);
          if (open != fresh) {
            // A stale entry of a file this mount had open under the same name: write through it
            // instead.
            fresh.removeWriter();
            open.addWriter(false);
          }
          fi.handle(handles.add(open, true, new ReaderSlot(fs, deadlines)));
          return 0;
        });
  }

  int open(String path, FileInfo fi) {
    return calls.run("open", path, Operation.NAMESPACE, () -> openExisting(resolve(path), fi));
  }

  private int openExisting(DfsPath file, FileInfo fi) {
    int flags = fi.flags();
    boolean write = (flags & O_ACCMODE) != O_RDONLY;
    boolean truncate = write && (flags & O_TRUNC) != 0;
    if ((write || truncate) && options.readOnly()) {
      return -Errno.EROFS;
    }
    OpenFile[] statted = new OpenFile[1];
    OpenFile open =
        openFiles.acquire(
            file,
            () -> {
              // Close-to-open consistency: a fresh length from the master, not the attribute cache.
              FileStatus status = deadlines.call("stat " + file, () -> fs.stat(file));
              cache.put(file, Attributes.of(status));
              if (status.isDirectory()) {
                throw new FuseErrnoException(Errno.EISDIR, file + " is a directory");
              }
              statted[0] = openFile(file, status);
              return statted[0];
            });
    boolean writer = false;
    try {
      if (write) {
        // All writable handles of the file share its OpenFile, hence one stream and one lease;
        // another client writing the file makes this open fail with EBUSY.
        open.addWriter(open == statted[0]);
        writer = true;
      }
      if (truncate) {
        open.truncate(0);
        cache.contentChanged(file);
      }
    } catch (RuntimeException e) {
      try {
        if (writer) {
          open.removeWriter();
        }
      } catch (RuntimeException suppressed) {
        e.addSuppressed(suppressed);
      } finally {
        openFiles.release(open);
      }
      throw e;
    }
    fi.handle(handles.add(open, write, new ReaderSlot(fs, deadlines)));
    return 0;
  }

  int read(String path, Pointer buf, long size, long offset, FileInfo fi) {
    return calls.run(
        "read",
        path,
        Operation.DATA,
        () -> {
          Handle h = handles.get(fi);
          byte[] tmp = buffers.borrow((int) size);
          try {
            int n = h.file().read(offset, tmp, (int) size, h.reader());
            buf.put(0, tmp, 0, n);
            return n;
          } finally {
            buffers.giveBack(tmp);
          }
        });
  }

  int write(String path, Pointer buf, long size, long offset, FileInfo fi) {
    return calls.run(
        "write",
        path,
        Operation.DATA,
        () -> {
          Handle h = handles.get(fi);
          if (!h.writable()) {
            return -Errno.EBADF;
          }
          byte[] tmp = buffers.borrow((int) size);
          try {
            buf.get(0, tmp, 0, (int) size);
            h.file().write(offset, tmp, (int) size);
            return (int) size;
          } finally {
            buffers.giveBack(tmp);
          }
        });
  }

  int truncate(String path, long size) {
    return calls.run(
        "truncate",
        path,
        Operation.DATA,
        () -> {
          DfsPath file = writable(path);
          if (names.attributes(file).directory()) {
            return -Errno.EISDIR;
          }
          // Through the open file when this mount has one, so its handles see the new length at
          // once and its writers' lease covers the call; BUSY (EBUSY) while another client writes
          // the file.
          OpenFile open =
              openFiles.acquire(
                  file, () -> openFile(file, deadlines.call("stat " + file, () -> fs.stat(file))));
          try {
            open.truncate(size);
          } finally {
            openFiles.release(open);
            cache.contentChanged(file);
          }
          return 0;
        });
  }

  int ftruncate(String path, long size, FileInfo fi) {
    return calls.run(
        "ftruncate",
        path,
        Operation.DATA,
        () -> {
          Handle h = handles.get(fi);
          if (!h.writable()) {
            return -Errno.EBADF;
          }
          h.file().truncate(size);
          return 0;
        });
  }

  int flush(String path, FileInfo fi) {
    return calls.run(
        "flush",
        path,
        Operation.DATA,
        () -> {
          Handle h = handles.get(fi);
          if (h.writable()) {
            h.file().flushOnClose();
            cache.otherNamesChanged(name(path, h)); // its other names' length and times moved
          }
          return 0;
        });
  }

  int fsync(String path, FileInfo fi) {
    return calls.run(
        "fsync",
        path,
        Operation.DATA,
        () -> {
          // Syncs the SDK stream (durable on every replica on return) and writes out the buffered
          // extents; the stream stays open for the writes that follow.
          Handle h = handles.get(fi);
          h.file().flush();
          cache.otherNamesChanged(name(path, h)); // their length and times moved
          return 0;
        });
  }

  int release(String path, FileInfo fi) {
    return calls.run(
        "release",
        path,
        Operation.DATA,
        () -> {
          Handle h = handles.remove(fi);
          if (h == null) {
            return -Errno.EBADF;
          }
          try {
            if (h.writable()) {
              h.file().removeWriter(); // durable; the last writer releases the lease
            }
          } finally {
            h.reader().close();
            // After a writer, attributes cached from before its writes are not the truth. They
            // go while the open file is still known: a stat racing with this release (the kernel
            // sends it after close(2) has returned) sees either the open file's length or the
            // master's, never the stale cached one.
            if (h.writable()) {
              cache.contentChanged(name(path, h));
            }
            if (openFiles.release(h.file()) && !h.writable()) {
              cache.contentChanged(name(path, h));
            }
          }
          return 0;
        });
  }

  /** What the mount holds now, for its metrics (read without waiting for any file's lock). */
  MountMeter.Figures figures() {
    return new MountMeter.Figures(openFiles.dirtyBytes(), handles.size());
  }

  /** Writes out every open file's buffered bytes and gives its lease back (before unmounting). */
  void releaseAll() {
    for (OpenFile file : openFiles.all()) {
      try {
        file.release();
      } catch (RuntimeException e) {
        LOG.log(
            Level.WARNING, "flush of " + file.path() + " before unmount failed: " + e.getMessage());
      }
    }
  }

  public void close() {
    deadlines.close();
  }

  // ---- helpers ----

  /** The goDFS path for a mount path (both absolute; the mount's root is the prefix). */
  DfsPath resolve(String mountPath) {
    for (String segment : mountPath.split("/")) {
      if (segment.getBytes(StandardCharsets.UTF_8).length > DfsPath.MAX_SEGMENT_BYTES) {
        throw new FuseErrnoException(Errno.ENAMETOOLONG, "name longer than 255 bytes");
      }
    }
    DfsPath prefix = options.prefix();
    if (mountPath.equals("/") || mountPath.isEmpty()) {
      return prefix;
    }
    return DfsPath.parse(prefix.isRoot() ? mountPath : prefix.value() + mountPath).orThrow();
  }

  /** An open file's state for the file {@code status} describes, with no handle yet. */
  private OpenFile openFile(DfsPath file, FileStatus status) {
    long inode = status.fileId().value();
    return OpenFile.existing(fs, deadlines, options.maxDirtyBytes(), file, inode, status.length());
  }

  /**
   * The name a call on handle {@code h} came through: libfuse's path of it, or (unlinked while
   * open, when libfuse passes none) the name the file is written through.
   */
  private DfsPath name(String path, Handle h) {
    return path.isEmpty() ? h.file().path() : resolve(path);
  }

  private DfsPath writable(String mountPath) {
    if (options.readOnly()) {
      throw new FuseErrnoException(Errno.EROFS, "mounted read-only");
    }
    return resolve(mountPath);
  }
}
