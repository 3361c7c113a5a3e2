package io.godfs.domain.file;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One page of a directory's names in name order, each with its type and file id and nothing else:
 * what a plain readdir needs (ADR 0033). Packed, as the wire carries it: the names' UTF-8 bytes one
 * after another, each followed by a NUL (a name never holds one), beside arrays of types and file
 * ids. A page of 10,000 names is then four objects, not 10,000, on the master, on the wire and in
 * the mount, which copies the names into native memory in one go and hands libfuse their addresses.
 *
 * <p>A page holds up to its limit of names and ends early once its names take {@link
 * #MAX_PAGE_BYTES}, so that a page of long names stays well inside one message (4 MiB).
 */
public final class NameListing {
  public static final int DEFAULT_LIMIT = 10_000;
  public static final int MAX_LIMIT = 100_000;
  public static final int MAX_PAGE_BYTES = 1 << 20;
  private static final FileType[] TYPES = FileType.values();

  private final byte[] names;
  private final int[] starts;
  private final byte[] types;
  private final long[] fileIds;
  private final boolean hasMore;

  /**
   * A page from its packed parts: {@code names} holds {@code types.length} NUL-terminated names,
   * {@code types} each one's {@link FileType#ordinal()}. Parts that disagree are refused, naming
   * how: they come from the wire.
   */
  public NameListing(byte[] names, byte[] types, long[] fileIds, boolean hasMore) {
    if (fileIds.length != types.length) {
      throw new IllegalArgumentException(
          types.length + " types for " + fileIds.length + " file ids (expected: one each)");
    }
    this.starts = new int[types.length];
    int at = 0;
    for (int i = 0; i < types.length; i++) {
      if (types[i] < 0 || types[i] >= TYPES.length) {
        throw new IllegalArgumentException("type " + types[i] + " of name " + i + " is unknown");
      }
      starts[i] = at;
      int end = indexOfNul(names, at);
      if (end < 0) {
        throw new IllegalArgumentException(
            "names hold " + i + " NUL-terminated names, expected " + types.length);
      }
      at = end + 1;
    }
    if (at != names.length) {
      throw new IllegalArgumentException(
          (names.length - at) + " bytes follow the last of " + types.length + " names");
    }
    this.names = names;
    this.types = types;
    this.fileIds = fileIds;
    this.hasMore = hasMore;
  }

  public static NameListing empty() {
    return new NameListing(new byte[0], new byte[0], new long[0], false);
  }

  public int size() {
    return types.length;
  }

  public boolean hasMore() {
    return hasMore;
  }

  public String name(int i) {
    return new String(names, starts[i], nameLength(i), StandardCharsets.UTF_8);
  }

  public FileType type(int i) {
    return TYPES[types[i]];
  }

  public long fileId(int i) {
    return fileIds[i];
  }

  /** Where name {@code i} starts in {@link #packedNames()}. */
  public int nameStart(int i) {
    return starts[i];
  }

  /** Name {@code i}'s length in bytes, without its NUL. */
  public int nameLength(int i) {
    return (i + 1 < starts.length ? starts[i + 1] : names.length) - starts[i] - 1;
  }

  /** The names, packed: not to be changed (shared, not copied, for speed). */
  public byte[] packedNames() {
    return names;
  }

  /** The types as {@link FileType#ordinal()}s: not to be changed. */
  public byte[] packedTypes() {
    return types;
  }

  /** The file ids: not to be changed. */
  public long[] packedFileIds() {
    return fileIds;
  }

  /** The index of {@code name}, or -1: the master sorts names as Java strings compare. */
  public int indexOf(String name) {
    int low = 0;
    int high = size() - 1;
    while (low <= high) {
      int mid = (low + high) >>> 1;
      int c = name(mid).compareTo(name);
      if (c == 0) {
        return mid;
      }
      if (c < 0) {
        low = mid + 1;
      } else {
        high = mid - 1;
      }
    }
    return -1;
  }

  private static int indexOfNul(byte[] bytes, int from) {
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == 0) {
        return i;
      }
    }
    return -1;
  }

  /** Builds a page name by name, in the order given (the caller's: name order). */
  public static final class Builder {
    private byte[] names = new byte[4096];
    private int length;
    private byte[] types = new byte[64];
    private long[] fileIds = new long[64];
    private int count;

    public Builder add(String name, FileType type, long fileId) {
      byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
      if (length + bytes.length + 1 > names.length) {
        names = Arrays.copyOf(names, Math.max(names.length * 2, length + bytes.length + 1));
      }
      System.arraycopy(bytes, 0, names, length, bytes.length);
      length += bytes.length + 1; // the array's zero is the NUL
      if (count == types.length) {
        types = Arrays.copyOf(types, count * 2);
        fileIds = Arrays.copyOf(fileIds, count * 2);
      }
      types[count] = (byte) type.ordinal();
      fileIds[count++] = fileId;
      return this;
    }

    public int size() {
      return count;
    }

    /** The names' bytes so far, NULs included. */
    public int bytes() {
      return length;
    }

    public NameListing build(boolean hasMore) {
      return new NameListing(
          Arrays.copyOf(names, length),
          Arrays.copyOf(types, count),
          Arrays.copyOf(fileIds, count),
          hasMore);
    }
  }
}
