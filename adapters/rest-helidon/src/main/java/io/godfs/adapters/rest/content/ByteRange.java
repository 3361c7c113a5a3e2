package io.godfs.adapters.rest.content;

/** An inclusive byte range {@code [first, last]} of a file, already clamped to its size. */
public record ByteRange(long first, long last) {
  public ByteRange {
    if (first < 0 || last < first) {
      throw new IllegalArgumentException(
          "range " + first + "-" + last + " (expected: 0 <= first <= last)");
    }
  }

  public long length() {
    return last - first + 1;
  }

  /** {@code bytes 0-99/1000}, the Content-Range of this range in a file of {@code size} bytes. */
  public String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }
}
