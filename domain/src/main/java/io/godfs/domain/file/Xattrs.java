package io.godfs.domain.file;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * An inode's extended attributes (ADR 0028): names to byte values, immutable, so that a snapshot
 * keeps the set it saw while a change makes a new one. Compared by content.
 */
public final class Xattrs {
  public static final Xattrs NONE = new Xattrs(new TreeMap<>());

  /** Longest name, in UTF-8 bytes (Linux's XATTR_NAME_MAX). */
  public static final int MAX_NAME_BYTES = 255;

  /** Largest value (Linux's XATTR_SIZE_MAX). */
  public static final int MAX_VALUE_BYTES = 65536;

  /**
   * Most an inode's names and values may take together: twice the largest value, so that any value
   * Linux allows fits (tmpfs takes a whole 64 KiB one; ext4 with 4 KiB blocks does not).
   */
  public static final int MAX_INODE_BYTES = 2 * MAX_VALUE_BYTES;

  private final TreeMap<String, byte[]> values;

  private Xattrs(TreeMap<String, byte[]> values) {
    this.values = values;
  }

  /** A copy of {@code values} (empty: {@link #NONE}). */
  public static Xattrs of(SortedMap<String, byte[]> values) {
    if (values.isEmpty()) {
      return NONE;
    }
    TreeMap<String, byte[]> copy = new TreeMap<>();
    values.forEach((name, value) -> copy.put(name, value.clone()));
    return new Xattrs(copy);
  }

  public Optional<byte[]> get(String name) {
    byte[] value = values.get(name);
    return value == null ? Optional.empty() : Optional.of(value.clone());
  }

  public boolean contains(String name) {
    return values.containsKey(name);
  }

  /** The names, sorted. */
  public List<String> names() {
    return List.copyOf(values.keySet());
  }

  public boolean isEmpty() {
    return values.isEmpty();
  }

  /** The names and values (read-only; values shared: do not change them). */
  public SortedMap<String, byte[]> asMap() {
    return Collections.unmodifiableSortedMap(values);
  }

  /** What the names and values take, as counted against {@link #MAX_INODE_BYTES}. */
  public int bytes() {
    int total = 0;
    for (Map.Entry<String, byte[]> e : values.entrySet()) {
      total += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().length;
    }
    return total;
  }

  /** A copy with {@code name} set to {@code value}. */
  Xattrs with(String name, byte[] value) {
    TreeMap<String, byte[]> copy = new TreeMap<>(values);
    copy.put(name, value.clone());
    return new Xattrs(copy);
  }

  /** A copy without {@code name}. */
  Xattrs without(String name) {
    TreeMap<String, byte[]> copy = new TreeMap<>(values);
    copy.remove(name);
    return copy.isEmpty() ? NONE : new Xattrs(copy);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Xattrs other) || other.values.size() != values.size()) {
      return false;
    }
    for (Map.Entry<String, byte[]> e : values.entrySet()) {
      if (!Arrays.equals(e.getValue(), other.values.get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = 0;
    for (Map.Entry<String, byte[]> e : values.entrySet()) {
      h += e.getKey().hashCode() ^ Arrays.hashCode(e.getValue());
    }
    return h;
  }

  @Override
  public String toString() {
    return "Xattrs" + values.keySet();
  }
}
