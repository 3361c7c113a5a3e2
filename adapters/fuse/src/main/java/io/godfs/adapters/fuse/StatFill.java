package io.godfs.adapters.fuse;

import java.time.Instant;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.Statvfs;
import ru.serce.jnrfuse.struct.Timespec;

/**
 * Writes attributes into the kernel's structs: the stored owner, group and permission bits beside
 * the type (a symbolic link is 0777, as on Linux), a device's number, and the access, modification
 * and change times to the nanosecond (ADR 0028).
 */
final class StatFill {
  /** The block size programs see; the 64 KiB CRC block makes a good I/O size. */
  static final int BLOCK_SIZE = 64 * 1024;

  /** The permission bits Linux shows for every symbolic link (a link's own mode is never used). */
  static final int SYMLINK_MODE = 0777;

  private StatFill() {}

  static void fill(FileStat stat, Attributes a) {
    stat.st_mode.set(FuseSpecialFiles.typeBits(a.type()) | (a.symlink() ? SYMLINK_MODE : a.mode()));
    stat.st_rdev.set(a.device());
    stat.st_nlink.set(a.links());
    stat.st_ino.set(a.inode()); // the file id: equal for every name of a file (use_ino)
    stat.st_uid.set(a.owner());
    stat.st_gid.set(a.group());
    stat.st_size.set(a.size());
    stat.st_blksize.set(BLOCK_SIZE);
    stat.st_blocks.set((a.size() + 511) / 512);
    time(stat.st_mtim, a.modified());
    time(stat.st_ctim, a.changed());
    time(stat.st_atim, a.accessed());
  }

  private static void time(Timespec t, Instant instant) {
    t.tv_sec.set(instant.getEpochSecond());
    t.tv_nsec.set(instant.getNano());
  }

  /**
   * Space as {@code df} shows it: what the cluster's live chunkservers offer and use (raw bytes, so
   * a file takes its replication times its length); names are limited to 255 bytes like the
   * namespace's.
   */
  static void fill(Statvfs st, long capacityBytes, long usedBytes, boolean readOnly) {
    long blocks = capacityBytes / BLOCK_SIZE;
    long free = Math.max(0, capacityBytes - usedBytes) / BLOCK_SIZE;
    st.f_bsize.set(BLOCK_SIZE);
    st.f_frsize.set(BLOCK_SIZE);
    st.f_blocks.set(blocks);
    st.f_bfree.set(free);
    st.f_bavail.set(free);
    st.f_files.set(1L << 32);
    st.f_ffree.set(1L << 32);
    st.f_favail.set(1L << 32);
    st.f_namemax.set(255);
    st.f_flag.set(readOnly ? Statvfs.ST_RDONLY : 0);
  }
}
