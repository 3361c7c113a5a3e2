package io.godfs.adapters.grpc;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads protobuf wire format from a message that lies in several buffers, as gRPC received it.
 * Length-delimited fields can come back as views of those buffers, never copies. Anything the
 * reader cannot make sense of (a truncated varint, a length past the end) is {@link Malformed}: the
 * caller then leaves the message to protobuf, which reports it properly.
 */
final class WireCursor {
  /** The bytes do not parse here; protobuf's parser gets them instead. */
  static final class Malformed extends Exception {
    Malformed() {
      super(null, null, false, false);
    }
  }

  private final ByteBuffer[] buffers;
  private int index;
  private long left;

  WireCursor(List<ByteBuffer> source) {
    buffers = new ByteBuffer[source.size()];
    for (int i = 0; i < buffers.length; i++) {
      buffers[i] = source.get(i).duplicate();
      left += buffers[i].remaining();
    }
  }

  long left() {
    return left;
  }

  long readVarint() throws Malformed {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = readByte();
      value |= (long) (b & 0x7f) << shift;
      if ((b & 0x80) == 0) {
        return value;
      }
    }
    throw new Malformed();
  }

  int readFixed32() throws Malformed {
    return readByte() | readByte() << 8 | readByte() << 16 | readByte() << 24;
  }

  /** The next {@code length} bytes as views of the buffers they lie in: nothing is copied. */
  List<ByteBuffer> readViews(long length) throws Malformed {
    if (length < 0 || length > left) {
      throw new Malformed();
    }
    List<ByteBuffer> views = new ArrayList<>();
    long wanted = length;
    while (wanted > 0) {
      ByteBuffer current = current();
      int n = (int) Math.min(wanted, current.remaining());
      views.add(current.slice(current.position(), n));
      current.position(current.position() + n);
      wanted -= n;
      left -= n;
    }
    return views;
  }

  private int readByte() throws Malformed {
    if (left == 0) {
      throw new Malformed();
    }
    left--;
    return current().get() & 0xff;
  }

  private ByteBuffer current() {
    while (!buffers[index].hasRemaining()) {
      index++;
    }
    return buffers[index];
  }
}
