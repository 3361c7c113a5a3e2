package io.godfs.adapters.fuse;

import io.godfs.adapters.fuse.Fuse3Callbacks.ChownOp;
import io.godfs.adapters.fuse.Fuse3Callbacks.FallocateOp;
import io.godfs.adapters.fuse.Fuse3Callbacks.FillDir;
import io.godfs.adapters.fuse.Fuse3Callbacks.GetXattrOp;
import io.godfs.adapters.fuse.Fuse3Callbacks.InitOp;
import io.godfs.adapters.fuse.Fuse3Callbacks.IoOp;
import io.godfs.adapters.fuse.Fuse3Callbacks.MknodOp;
import io.godfs.adapters.fuse.Fuse3Callbacks.PathBufferOp;
import io.godfs.adapters.fuse.Fuse3Callbacks.PathIntFileOp;
import io.godfs.adapters.fuse.Fuse3Callbacks.PathIntOp;
import io.godfs.adapters.fuse.Fuse3Callbacks.PathOp;
import io.godfs.adapters.fuse.Fuse3Callbacks.PathPointerFileOp;
import io.godfs.adapters.fuse.Fuse3Callbacks.PathPointerOp;
import io.godfs.adapters.fuse.Fuse3Callbacks.ReaddirOp;
import io.godfs.adapters.fuse.Fuse3Callbacks.RenameOp;
import io.godfs.adapters.fuse.Fuse3Callbacks.SetXattrOp;
import io.godfs.adapters.fuse.Fuse3Callbacks.TruncateOp;
import io.godfs.adapters.fuse.PosixAttributes.Caller;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.provider.ClosureManager;
import jnr.ffi.provider.jffi.ClosureHelper;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.Statvfs;

/**
 * libfuse 3's {@code struct fuse_operations} in native memory, its slots pointing at jnr-ffi
 * closures that decode the C arguments and call {@link DfsFuseFilesystem}. Slots this mount does
 * not implement stay NULL (libfuse answers ENOSYS). The closures and the table must outlive the
 * mount: this object holds them, and {@link FuseMount} holds this object until libfuse has
 * returned.
 */
final class FuseOperationsTable {
  /** sizeof(struct fuse_operations) in libfuse 3.14 (42 function pointers). */
  static final int SIZE = 42 * 8;

  // Slot numbers: the order of the members in fuse.h (libfuse 3).
  private static final int GETATTR = 0;
  private static final int READLINK = 1;
  private static final int MKNOD = 2;
  private static final int MKDIR = 3;
  private static final int UNLINK = 4;
  private static final int RMDIR = 5;
  private static final int SYMLINK = 6;
  private static final int RENAME = 7;
  private static final int LINK = 8;
  private static final int CHMOD = 9;
  private static final int CHOWN = 10;
  private static final int TRUNCATE = 11;
  private static final int OPEN = 12;
  private static final int READ = 13;
  private static final int WRITE = 14;
  private static final int STATFS = 15;
  private static final int FLUSH = 16;
  private static final int RELEASE = 17;
  private static final int FSYNC = 18;
  private static final int SETXATTR = 19;
  private static final int GETXATTR = 20;
  private static final int LISTXATTR = 21;
  private static final int REMOVEXATTR = 22;
  private static final int OPENDIR = 23;
  private static final int READDIR = 24;
  private static final int RELEASEDIR = 25;
  private static final int INIT = 27;
  private static final int CREATE = 30;
  private static final int UTIMENS = 32;
  private static final int FALLOCATE = 39;
  // struct fuse_config members that init sets (offsets checked against fuse.h of libfuse 3.14).
  private static final int CONFIG_ENTRY_TIMEOUT = 24;
  private static final int CONFIG_NEGATIVE_TIMEOUT = 32;
  private static final int CONFIG_ATTR_TIMEOUT = 40;
  private static final int CONFIG_USE_INO = 64;
  private static final int CONFIG_DIRECT_IO = 72;
  private static final int CONFIG_AUTO_CACHE = 80;
  private static final int CONFIG_AC_ATTR_TIMEOUT_SET = 88;
  private static final int CONFIG_AC_ATTR_TIMEOUT = 96;
  private static final int MAX_PATH = 4096;

  /** XATTR_NAME_MAX; the kernel refuses longer names (ERANGE) before they reach the mount. */
  private static final int MAX_XATTR_NAME = 255;

  /**
   * One {@code struct stat} view per libfuse thread, pointed at each getattr's struct: jnr builds a
   * struct's dozens of field objects for every instance, and a new view per call was a third of the
   * mount's allocation in a loop of stats (JFR, stop 48), each 32 MiB of it a young collection.
   */
  private static final ThreadLocal<FileStat> STAT_VIEW =
      ThreadLocal.withInitial(() -> new FileStat(Runtime.getSystemRuntime()));

  private final Runtime runtime = Runtime.getSystemRuntime();
  private final ClosureManager closures = runtime.getClosureManager();
  private final Pointer table = Memory.allocateDirect(runtime, SIZE, true);
  private final List<Object> keepAlive = new ArrayList<>();

  /**
   * libfuse passes one of two fill functions (plain or readdirplus): callable wrappers, by address.
   */
  private final Map<Long, FillDir> fillers = new ConcurrentHashMap<>();

  /**
   * {@code libfuse} answers who calls (fuse_get_context) for mkdir, mknod, create and symlink,
   * whose new file, directory or link belongs to the caller.
   */
  FuseOperationsTable(DfsFuseFilesystem fs, MountOptions options, LibFuse3 libfuse) {
    set(GETATTR, PathPointerFileOp.class, (path, stat, fi) -> fs.getattr(path(path), statAt(stat)));
    set(
        READLINK,
        PathBufferOp.class,
        (path, buf, size) -> fs.symlinks.readlink(path(path), buf, size));
    set(
        SYMLINK,
        PathPointerOp.class,
        (target, link) ->
            fs.symlinks.symlink(path(target), path(link), Caller.of(libfuse.fuse_get_context())));
    set(
        MKDIR,
        PathIntOp.class,
        (path, mode) -> fs.mkdir(path(path), mode, Caller.of(libfuse.fuse_get_context())));
    set(
        MKNOD,
        MknodOp.class,
        (path, mode, device) ->
            fs.specialFiles.mknod(path(path), mode, device, Caller.of(libfuse.fuse_get_context())));
    set(UNLINK, PathOp.class, path -> fs.nameChanges.unlink(path(path)));
    set(LINK, PathPointerOp.class, (from, to) -> fs.hardLinks.link(path(from), path(to)));
    set(RMDIR, PathOp.class, path -> fs.rmdir(path(path)));
    set(
        RENAME,
        RenameOp.class,
        (from, to, flags) -> fs.nameChanges.rename(path(from), path(to), flags));
    set(CHMOD, PathIntFileOp.class, (path, mode, fi) -> fs.chmod(path(path), mode & 0xFFFF_FFFFL));
    set(
        CHOWN,
        ChownOp.class,
        (path, uid, gid, fi) -> fs.chown(path(path), uid & 0xFFFF_FFFFL, gid & 0xFFFF_FFFFL));
    set(
        TRUNCATE,
        TruncateOp.class,
        (path, size, fi) ->
            fi == null || fi.address() == 0
                ? fs.truncate(path(path), size)
                : fs.ftruncate(path(path), size, new FileInfo(fi)));
    set(OPEN, PathPointerOp.class, (path, fi) -> fs.open(path(path), new FileInfo(fi)));
    set(
        READ,
        IoOp.class,
        (path, buf, size, offset, fi) -> fs.read(path(path), buf, size, offset, new FileInfo(fi)));
    set(
        WRITE,
        IoOp.class,
        (path, buf, size, offset, fi) -> fs.write(path(path), buf, size, offset, new FileInfo(fi)));
    set(STATFS, PathPointerOp.class, (path, st) -> fs.statfs(path(path), Statvfs.of(st)));
    set(FLUSH, PathPointerOp.class, (path, fi) -> fs.flush(path(path), new FileInfo(fi)));
    set(RELEASE, PathPointerOp.class, (path, fi) -> fs.release(path(path), new FileInfo(fi)));
    set(FSYNC, PathIntFileOp.class, (path, datasync, fi) -> fs.fsync(path(path), new FileInfo(fi)));
    set(
        SETXATTR,
        SetXattrOp.class,
        (path, name, value, size, flags) ->
            fs.xattrs.setxattr(path(path), xattrName(name), value, size, flags));
    set(
        GETXATTR,
        GetXattrOp.class,
        (path, name, value, size) -> fs.xattrs.getxattr(path(path), xattrName(name), value, size));
    set(
        LISTXATTR,
        PathBufferOp.class,
        (path, list, size) ->
            fs.xattrs.listxattr(path(path), list, size, Caller.of(libfuse.fuse_get_context())));
    set(
        REMOVEXATTR,
        PathPointerOp.class,
        (path, name) -> fs.xattrs.removexattr(path(path), xattrName(name)));
    set(OPENDIR, PathPointerOp.class, (path, fi) -> fs.opendir(path(path), new FileInfo(fi)));
    set(
        READDIR,
        ReaddirOp.class,
        (path, buf, filler, offset, fi, flags) ->
            fs.readdir(path(path), buf, fillDir(filler), offset, new FileInfo(fi)));
    set(RELEASEDIR, PathPointerOp.class, (path, fi) -> fs.releasedir(new FileInfo(fi)));
    set(
        CREATE,
        PathIntFileOp.class,
        (path, mode, fi) ->
            fs.create(path(path), mode, Caller.of(libfuse.fuse_get_context()), new FileInfo(fi)));
    set(UTIMENS, PathPointerFileOp.class, (path, times, fi) -> fs.utimens(path(path), times));
    set(
        FALLOCATE,
        FallocateOp.class,
        (path, mode, offset, length, fi) ->
            fs.fallocate.fallocate(path(path), mode, offset, length, new FileInfo(fi)));
    set(
        INIT,
        InitOp.class,
        (conn, config) -> {
          // The kernel's caches follow the same TTLs as this process's; set here because libfuse 3
          // no longer takes direct_io as a mount option.
          config.putDouble(CONFIG_ENTRY_TIMEOUT, seconds(options.attrTtl().toNanos()));
          config.putDouble(CONFIG_ATTR_TIMEOUT, seconds(options.attrTtl().toNanos()));
          config.putDouble(CONFIG_NEGATIVE_TIMEOUT, seconds(options.negativeTtl().toNanos()));
          config.putInt(CONFIG_DIRECT_IO, options.directIo() ? 1 : 0);
          // The kernel keeps a file's pages across opens while its size and modification time
          // stay the same (libfuse's auto_cache), so a warm re-read never reaches this process.
          // The check runs at every open (ac_attr_timeout 0) on the attributes the open just
          // read from the master, so another client's change is seen at the next open, as
          // close-to-open consistency promises.
          config.putInt(CONFIG_AUTO_CACHE, 1);
          config.putInt(CONFIG_AC_ATTR_TIMEOUT_SET, 1);
          config.putDouble(CONFIG_AC_ATTR_TIMEOUT, 0.0);
          // st_ino is the file id, so the names of one file show one inode (tar, rsync -H, cp -a
          // find hard links by it) and an inode number stays the same across mounts.
          config.putInt(CONFIG_USE_INO, 1);
          Pointer context = libfuse.fuse_get_context();
          fs.attachKernel(libfuse, context.getPointer(0)); // struct fuse_context's first member
          return null;
        });
  }

  Pointer pointer() {
    return table;
  }

  private <T> void set(int slot, Class<T> shape, T callback) {
    Pointer closure = closures.getClosurePointer(shape, callback);
    keepAlive.add(callback);
    keepAlive.add(closure);
    table.putPointer((long) slot * 8, closure);
  }

  private FillDir fillDir(Pointer function) {
    return fillers.computeIfAbsent(
        function.address(),
        address -> {
          ClosureHelper helper = ClosureHelper.getInstance();
          return (FillDir)
              helper
                  .getNativeConveter(FillDir.class)
                  .fromNative(function, helper.getFromNativeContext());
        });
  }

  /** This thread's {@code struct stat} view, over {@code memory} for this call. */
  private static FileStat statAt(Pointer memory) {
    FileStat view = STAT_VIEW.get();
    view.useMemory(memory);
    return view;
  }

  /**
   * Paths are NUL-terminated bytes; goDFS names are UTF-8. NULL (a file unlinked while open) is "".
   */
  private static String path(Pointer p) {
    return p == null ? "" : p.getString(0, MAX_PATH, StandardCharsets.UTF_8);
  }

  /** An extended attribute's name: NUL-terminated bytes, UTF-8 as goDFS keeps names. */
  private static String xattrName(Pointer p) {
    return p.getString(0, MAX_XATTR_NAME + 1, StandardCharsets.UTF_8);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
