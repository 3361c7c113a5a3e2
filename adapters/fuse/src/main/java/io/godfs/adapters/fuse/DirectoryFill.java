package io.godfs.adapters.fuse;

import io.godfs.adapters.fuse.Fuse3Callbacks.FillDir;
import io.godfs.domain.file.NameListing;
import java.lang.ref.Reference;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import jnr.ffi.Struct;
import ru.serce.jnrfuse.struct.FileStat;

/**
 * Fills one readdir reply from an open directory's pages of names (ADR 0033), from {@code offset}
 * on until libfuse says the reply is full.
 *
 * <p>Every entry goes plain (its inode and type), also in a reply to readdirplus (the kernel's
 * first request of a listing, and its first after lookups in the directory). The kernel and the
 * mount fill their attribute caches from the same lookups with the same TTL, so an entry whose
 * attributes the mount holds fresh is one the kernel holds too: sending them again made a warm
 * names-only listing right after an {@code ls -l} of 10,000 entries take 3.8-3.9 ms instead of
 * 2.9-3.1 and sped up no later {@code ls -l} (stop 50, ADR 0033). A walk that stats each name gets
 * the attributes from the pages its lookups fetch ({@link CachedNamespace#attributes}).
 */
final class DirectoryFill {
  /** "." and ".." in native memory, NUL-terminated, for every reply (never freed). */
  private static final Pointer DOTS = dots();

  private DirectoryFill() {}

  static int fill(DirectoryCursor cursor, FillDir filler, Pointer buf, long offset) {
    if (offset < 1 && filler.call(buf.address(), DOTS.address(), 0, 1, 0) != 0) {
      return 0;
    }
    if (offset < 2 && filler.call(buf.address(), DOTS.address() + 2, 0, 2, 0) != 0) {
      return 0;
    }
    // The entry's stat in native memory: libfuse is passed its address, as the name's.
    Runtime runtime = Runtime.getSystemRuntime();
    FileStat stat = new FileStat(runtime);
    Pointer statMemory = Memory.allocateDirect(runtime, Struct.size(stat));
    stat.useMemory(statMemory);
    long inoAt = stat.st_ino.offset();
    long modeAt = stat.st_mode.offset();
    for (long index = Math.max(0, offset - 2); ; index++) {
      int at = cursor.seek(index);
      if (at < 0) {
        return 0;
      }
      NameListing page = cursor.page();
      // A plain entry carries only the inode and the type: libfuse reads nothing else of the
      // stat, so the rest is not written (a 10,000-entry listing's main cost). Written to the
      // memory directly: jnr's fields take a boxed Number.
      statMemory.putLong(inoAt, page.fileId(at));
      statMemory.putInt(modeAt, FuseSpecialFiles.typeBits(page.type(at)));
      int full =
          filler.call(buf.address(), cursor.nameAddress(at), statMemory.address(), index + 3, 0);
      // The native memory behind the name and the stat is freed once unreachable: not before
      // libfuse has copied the entry.
      Reference.reachabilityFence(cursor.nativeMemory());
      Reference.reachabilityFence(statMemory);
      if (full != 0) {
        return 0;
      }
    }
  }

  private static Pointer dots() {
    Pointer p = Memory.allocateDirect(Runtime.getSystemRuntime(), 8, true);
    p.put(0, new byte[] {'.', 0, '.', '.', 0}, 0, 5);
    return p;
  }
}
