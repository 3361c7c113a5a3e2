package io.godfs.adapters.fuse;

import java.time.Instant;
import ru.serce.jnrfuse.struct.FileStat;
import ru.serce.jnrfuse.struct.Statvfs;
import ru.serce.jnrfuse.struct.Timespec;

/** Writes attributes into the kernel's structs: modes and owners are the mount's defaults. */
final class StatFill {
  static final int DIR_MODE = 0755;
  static final int FILE_MODE = 0644;

  /** The block size programs see; the 64 KiB CRC block makes a good I/O size. */
  static final int BLOCK_SIZE = 64 * 1024;

  private StatFill() {}

  static int modeOf(Attributes a) {
    return a.directory() ? DIR_MODE : FILE_MODE;
  }

  static void fill(FileStat stat, Attributes a, int uid, int gid) {
    stat.st_mode.set((a.directory() ? FileStat.S_IFDIR : FileStat.S_IFREG) | modeOf(a));
    stat.st_nlink.set(a.directory() ? 2 : 1);
    stat.st_uid.set(uid);
    stat.st_gid.set(gid);
    stat.st_size.set(a.size());
    stat.st_blksize.set(BLOCK_SIZE);
    stat.st_blocks.set((a.size() + 511) / 512);
    time(stat.st_mtim, a.modified());
    time(stat.st_ctim, a.modified());
    time(stat.st_atim, a.modified());
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
