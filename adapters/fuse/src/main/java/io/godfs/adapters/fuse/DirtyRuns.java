package io.godfs.adapters.fuse;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * Writes an open file's buffered extents to goDFS in few, large runs: extents close together are
 * one stream, the gaps between them read back from goDFS's bytes (those below {@code
 * committedLength}) or zeros past them.
 */
final class DirtyRuns {
  /** Buffered extents closer than this are written as one run, the gap read back from goDFS. */
  static final long GAP_FILL = 1 << 20;

  /** A run with gaps is assembled in memory; it never grows past this. */
  static final int RUN_MAX = 8 << 20;

  private final FileSystemUseCase fs;
  private final Deadlines deadlines;
  private final DfsPath path;
  private final long committedLength;

  DirtyRuns(FileSystemUseCase fs, Deadlines deadlines, DfsPath path, long committedLength) {
    this.fs = fs;
    this.deadlines = deadlines;
    this.path = path;
    this.committedLength = committedLength;
  }

  /** Writes {@code extents} (in offset order, not overlapping). */
  void write(List<DirtyExtents.Extent> extents) throws IOException {
    int i = 0;
    while (i < extents.size()) {
      int j = i + 1;
      long runStart = extents.get(i).offset();
      while (j < extents.size()
          && extents.get(j).offset() - extents.get(j - 1).end() <= GAP_FILL
          && extents.get(j).end() - runStart <= RUN_MAX) {
        j++;
      }
      writeRun(extents.subList(i, j));
      i = j;
    }
  }

  private void writeRun(List<DirtyExtents.Extent> run) throws IOException {
    long start = run.getFirst().offset();
    DirtyExtents.Extent last = run.getLast();
    if (run.size() == 1) {
      try (OutputStream out =
          deadlines.call("open " + path + " for writing", () -> fs.openForWriteAt(path, start))) {
        out.write(last.data(), 0, last.length());
      }
      return;
    }
    byte[] buf = new byte[Math.toIntExact(last.end() - start)];
    int fromCluster = (int) Math.max(0, Math.min(buf.length, committedLength - start));
    if (fromCluster > 0) {
      try (SeekableInput in = deadlines.call("open " + path, () -> fs.open(path))) {
        in.seek(start);
        ReaderSlot.readFully(in, buf, 0, fromCluster);
      }
    }
    for (DirtyExtents.Extent e : run) {
      System.arraycopy(e.data(), 0, buf, Math.toIntExact(e.offset() - start), e.length());
    }
    try (OutputStream out =
        deadlines.call("open " + path + " for writing", () -> fs.openForWriteAt(path, start))) {
      out.write(buf);
    }
  }
}
