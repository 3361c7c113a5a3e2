package io.godfs.adapters.fuse;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Bytes written to an open file but not yet sent to goDFS, as non-overlapping extents sorted by
 * offset. A newer write replaces the overlapping parts of older ones; a write that continues an
 * extent is appended to it in place (up to {@value #MAX_EXTENT} bytes per extent), so sequential
 * small writes cost neither many objects nor repeated copies. Not thread-safe: {@link OpenFile}
 * guards it.
 */
final class DirtyExtents {
  static final int MAX_EXTENT = 1 << 20;
  private final TreeMap<Long, Buf> extents = new TreeMap<>();

  /** Written under the open file's lock; volatile so that metrics read it without the lock. */
  private volatile long bytes;

  /** A growable byte array: {@code data[0, length)} belongs at the extent's offset. */
  private static final class Buf {
    byte[] data;
    int length;

    Buf(byte[] data, int length) {
      this.data = data;
      this.length = length;
    }

    void append(byte[] src, int off, int len) {
      if (length + len > data.length) {
        data = Arrays.copyOf(data, Math.min(MAX_EXTENT, Math.max(length + len, data.length * 2)));
      }
      System.arraycopy(src, off, data, length, len);
      length += len;
    }
  }

  /** One buffered extent: {@code data[0, length)} belongs at {@code offset}. */
  record Extent(long offset, byte[] data, int length) {
    long end() {
      return offset + length;
    }
  }

  boolean isEmpty() {
    return extents.isEmpty();
  }

  /** Buffered bytes in total. */
  long bytes() {
    return bytes;
  }

  /** One past the last buffered byte; 0 when empty. */
  long end() {
    Map.Entry<Long, Buf> last = extents.lastEntry();
    return last == null ? 0 : last.getKey() + last.getValue().length;
  }

  /** Buffers {@code len} bytes of {@code src} from {@code srcOff} at file offset {@code offset}. */
  void write(long offset, byte[] src, int srcOff, int len) {
    if (len == 0) {
      return;
    }
    remove(offset, offset + len);
    Map.Entry<Long, Buf> before = extents.floorEntry(offset);
    if (before != null
        && before.getKey() + before.getValue().length == offset
        && before.getValue().length + len <= MAX_EXTENT) {
      before.getValue().append(src, srcOff, len);
    } else {
      byte[] data = new byte[Math.min(MAX_EXTENT, Math.max(len, 4096))];
      Buf buf = new Buf(len <= data.length ? data : new byte[len], 0);
      buf.append(src, srcOff, len);
      extents.put(offset, buf);
    }
    bytes += len;
  }

  /** Drops buffered bytes in [{@code from}, {@code to}): newer bytes went elsewhere. */
  void remove(long from, long to) {
    if (from >= to || extents.isEmpty()) {
      return;
    }
    Map.Entry<Long, Buf> first = extents.floorEntry(from);
    long scanFrom =
        first != null && first.getKey() + first.getValue().length > from ? first.getKey() : from;
    for (Map.Entry<Long, Buf> e :
        new ArrayList<>(extents.subMap(scanFrom, true, to, false).entrySet())) {
      long start = e.getKey();
      Buf buf = e.getValue();
      long end = start + buf.length;
      extents.remove(start);
      bytes -= buf.length;
      if (end > to) {
        byte[] tail = Arrays.copyOfRange(buf.data, Math.toIntExact(to - start), buf.length);
        extents.put(to, new Buf(tail, tail.length));
        bytes += tail.length;
      }
      if (start < from) {
        buf.length = Math.toIntExact(from - start); // keep the head in place
        extents.put(start, buf);
        bytes += buf.length;
      }
    }
  }

  /** Drops everything at or past {@code length} (the file was truncated). */
  void truncate(long length) {
    remove(length, Long.MAX_VALUE);
  }

  /**
   * Copies buffered bytes that fall in [{@code offset}, {@code offset + len}) over {@code
   * dst[dstOff..]}.
   */
  void overlay(long offset, byte[] dst, int dstOff, int len) {
    if (extents.isEmpty()) {
      return;
    }
    long end = offset + len;
    Map.Entry<Long, Buf> first = extents.floorEntry(offset);
    long scanFrom = first != null ? first.getKey() : offset;
    for (Map.Entry<Long, Buf> e : extents.subMap(scanFrom, true, end, false).entrySet()) {
      long s = Math.max(offset, e.getKey());
      long t = Math.min(end, e.getKey() + e.getValue().length);
      if (s < t) {
        System.arraycopy(
            e.getValue().data,
            Math.toIntExact(s - e.getKey()),
            dst,
            dstOff + Math.toIntExact(s - offset),
            Math.toIntExact(t - s));
      }
    }
  }

  /** The extents in offset order (a snapshot; the arrays are shared until the next change). */
  List<Extent> extents() {
    List<Extent> out = new ArrayList<>(extents.size());
    extents.forEach((offset, buf) -> out.add(new Extent(offset, buf.data, buf.length)));
    return out;
  }

  void clear() {
    extents.clear();
    bytes = 0;
  }
}
