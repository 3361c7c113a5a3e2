package io.godfs.adapters.rest.content;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@code multipart/byteranges} body (RFC 9110 §14.6) for several ranges; its exact length is
 * known before the first byte is sent, so it goes out with a Content-Length.
 */
final class MultipartByteRanges {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final List<ByteRange> ranges;
  private final long size;
  private final String boundary;

  /** Writes one range's bytes. */
  @FunctionalInterface
  interface RangeWriter {
    void write(OutputStream out, ByteRange range) throws IOException;
  }

  MultipartByteRanges(List<ByteRange> ranges, long size) {
    this.ranges = List.copyOf(ranges);
    this.size = size;
    byte[] b = new byte[12];
    RANDOM.nextBytes(b);
    this.boundary = "godfs-" + HexFormat.of().formatHex(b);
  }

  String contentType() {
    return "multipart/byteranges; boundary=" + boundary;
  }

  long length() {
    long total = 0;
    for (ByteRange r : ranges) {
      total += partHeader(r).length + r.length() + 2;
    }
    return total + closing().length;
  }

  void write(OutputStream out, RangeWriter data) throws IOException {
    for (ByteRange r : ranges) {
      out.write(partHeader(r));
      data.write(out, r);
      out.write(CRLF);
    }
    out.write(closing());
  }

  private static final byte[] CRLF = {'\r', '\n'};

  private byte[] partHeader(ByteRange r) {
    return ("--"
            + boundary
            + "\r\nContent-Type: application/octet-stream\r\nContent-Range: "
            + r.contentRange(size)
            + "\r\n\r\n")
        .getBytes(StandardCharsets.US_ASCII);
  }

  private byte[] closing() {
    return ("--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
  }
}
