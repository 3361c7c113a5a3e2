package io.godfs.adapters.grpc.wire;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.MessageLite;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The metadata wire's frames (ADR 0031): a unary gRPC call as one request frame and one answer
 * frame, each a 4-byte length and its fields. What gRPC carries over HTTP/2 for a unary call, and
 * nothing else: the full method name, the headers, the request; the answer's headers, message,
 * status and trailers. Headers travel as they are (the caller's credential included, as on gRPC),
 * so every interceptor on both ends sees what it sees over gRPC.
 *
 * <p>Connection: the client sends {@link #PREFACE}; the server answers one byte, {@link #ACCEPTED}
 * or {@link #BUSY}. Then requests and answers alternate, one call at a time per connection.
 */
public final class WireFrames {
  /** What a client sends first: a wrong peer (an HTTP client, a gRPC one) is told apart at once. */
  static final byte[] PREFACE = "GODFS-WIRE/1\n".getBytes(StandardCharsets.US_ASCII);

  static final int ACCEPTED = 1;
  static final int BUSY = 2;

  /** The largest frame either side takes: gRPC's own limit on a master's messages. */
  static final int MAX_FRAME = 32 * 1024 * 1024;

  /** A status description is cut to this many characters, as a long one helps nobody. */
  private static final int MAX_DESCRIPTION = 16 * 1024;

  private WireFrames() {}

  /** A call as the server reads it. */
  record Request(String method, Metadata headers, Slice message) {}

  /** A call's answer as the client reads it; {@code message} null when there is none. */
  record Answer(Metadata headers, Slice message, Status status, Metadata trailers) {}

  /**
   * A message's bytes where they lie in a frame's body: parsed from there, not copied out first (a
   * copy per call was an eighth of a mount's allocation in a loop of stats, JFR, stop 48).
   */
  record Slice(byte[] array, int offset, int length) {
    byte[] copy() {
      return Arrays.copyOfRange(array, offset, offset + length);
    }
  }

  /** A growable buffer a frame is written into, then sent with one write. */
  static final class FrameBuffer extends ByteArrayOutputStream {
    FrameBuffer() {
      super(1024);
      reset();
    }

    @Override
    public synchronized void reset() {
      super.reset();
      count = 4; // room for the length
    }

    /** Writes the frame, its length first, and empties the buffer for the next. */
    void sendTo(OutputStream out) throws IOException {
      int length = count - 4;
      if (length > MAX_FRAME) {
        reset();
        throw new IOException(
            "a frame of " + length + " bytes is over the wire's limit of " + MAX_FRAME);
      }
      buf[0] = (byte) (length >>> 24);
      buf[1] = (byte) (length >>> 16);
      buf[2] = (byte) (length >>> 8);
      buf[3] = (byte) length;
      out.write(buf, 0, count);
      out.flush();
      if (buf.length > 1024 * 1024) {
        buf = new byte[1024]; // a rare large frame does not stay with the connection
      }
      reset();
    }
  }

  /**
   * A message's bytes: a protobuf message's own, else what its marshaller streams. Reading
   * protobuf's stream to its end took 4 % of a master's CPU per call (JFR, ADR 0031).
   */
  static <T> byte[] bytesOf(T message, MethodDescriptor.Marshaller<T> marshaller, Object what) {
    if (message instanceof MessageLite lite) {
      return lite.toByteArray();
    }
    try (InputStream in = marshaller.stream(message)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialize a message of " + what, e);
    }
  }

  /**
   * A message from its bytes: a protobuf message straight from the array, else through its
   * marshaller's stream.
   *
   * @throws RuntimeException when the bytes are not such a message
   */
  @SuppressWarnings("unchecked")
  static <T> T parse(Slice bytes, MethodDescriptor.Marshaller<T> marshaller) {
    if (marshaller instanceof MethodDescriptor.PrototypeMarshaller<T> typed
        && typed.getMessagePrototype() instanceof MessageLite prototype) {
      try {
        return (T)
            prototype.getParserForType().parseFrom(bytes.array(), bytes.offset(), bytes.length());
      } catch (InvalidProtocolBufferException e) {
        throw new IllegalArgumentException("not a " + prototype.getClass().getSimpleName(), e);
      }
    }
    return marshaller.parse(
        new ByteArrayInputStream(bytes.array(), bytes.offset(), bytes.length()));
  }

  static void writeRequest(FrameBuffer frame, String method, Metadata headers, byte[] message)
      throws IOException {
    writeString(frame, method);
    writeMetadata(frame, headers);
    writeBytes(frame, message);
  }

  static void writeAnswer(
      FrameBuffer frame, Metadata headers, byte[] message, Status status, Metadata trailers)
      throws IOException {
    writeMetadata(frame, headers);
    frame.write(message == null ? 0 : 1);
    if (message != null) {
      writeBytes(frame, message);
    }
    writeInt(frame, status.getCode().value());
    String description = status.getDescription();
    frame.write(description == null ? 0 : 1);
    if (description != null) {
      writeString(
          frame,
          description.length() > MAX_DESCRIPTION
              ? description.substring(0, MAX_DESCRIPTION)
              : description);
    }
    writeMetadata(frame, trailers);
  }

  /**
   * The next frame's body, or null when the peer closed the connection cleanly before it.
   *
   * @throws IOException for a frame over {@link #MAX_FRAME} or one cut short
   */
  static byte[] readFrame(DataInputStream in) throws IOException {
    int first = in.read();
    return first < 0 ? null : readFrameAfter(first, in);
  }

  /** The rest of a frame whose first byte, {@code first}, was read already. */
  static byte[] readFrameAfter(int first, DataInputStream in) throws IOException {
    int length = (first << 24) | (in.readUnsignedByte() << 16) | in.readUnsignedShort();
    if (length < 0 || length > MAX_FRAME) {
      throw new IOException(
          "a frame of " + (length & 0xffffffffL) + " bytes is over the limit of " + MAX_FRAME);
    }
    byte[] body = new byte[length];
    in.readFully(body);
    return body;
  }

  static Request readRequest(byte[] body) throws IOException {
    Reader r = new Reader(body);
    String method = r.string();
    Metadata headers = r.metadata();
    Slice message = r.slice();
    r.end();
    return new Request(method, headers, message);
  }

  static Answer readAnswer(byte[] body) throws IOException {
    Reader r = new Reader(body);
    Metadata headers = r.metadata();
    Slice message = r.flag() ? r.slice() : null;
    Status status = Status.fromCodeValue(r.integer());
    if (r.flag()) {
      status = status.withDescription(r.string());
    }
    Metadata trailers = r.metadata();
    r.end();
    return new Answer(headers, message, status, trailers);
  }

  private static void writeMetadata(FrameBuffer frame, Metadata metadata) throws IOException {
    if (metadata == null) {
      writeInt(frame, 0);
      return;
    }
    int entries = 0;
    for (String key : metadata.keys()) {
      entries += count(metadata.getAll(key(key)));
    }
    writeInt(frame, entries);
    for (String key : metadata.keys()) {
      Iterable<byte[]> values = metadata.getAll(key(key));
      if (values != null) {
        for (byte[] value : values) {
          writeString(frame, key);
          writeBytes(frame, value);
        }
      }
    }
  }

  private static int count(Iterable<?> values) {
    int n = 0;
    if (values != null) {
      for (Object ignored : values) {
        n++;
      }
    }
    return n;
  }

  /**
   * Every value as its bytes: an ASCII header's bytes are its text, a binary header's ({@code
   * -bin}) its raw value, which is how gRPC's own metadata keeps both.
   */
  private static Metadata.Key<byte[]> key(String name) {
    return name.endsWith(Metadata.BINARY_HEADER_SUFFIX)
        ? Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER)
        : Metadata.Key.of(name, AsciiBytes.INSTANCE);
  }

  /** ASCII header values as their bytes, unchanged. */
  private enum AsciiBytes implements Metadata.AsciiMarshaller<byte[]> {
    INSTANCE;

    @Override
    public String toAsciiString(byte[] value) {
      return new String(value, StandardCharsets.US_ASCII);
    }

    @Override
    public byte[] parseAsciiString(String serialized) {
      return serialized.getBytes(StandardCharsets.US_ASCII);
    }
  }

  private static void writeString(FrameBuffer frame, String s) throws IOException {
    writeBytes(frame, s.getBytes(StandardCharsets.UTF_8));
  }

  private static void writeBytes(FrameBuffer frame, byte[] bytes) throws IOException {
    writeInt(frame, bytes.length);
    frame.write(bytes);
  }

  private static void writeInt(FrameBuffer frame, int v) {
    frame.write(v >>> 24);
    frame.write(v >>> 16);
    frame.write(v >>> 8);
    frame.write(v);
  }

  /** Reads a frame's fields, refusing one that runs past its end or leaves bytes over. */
  private static final class Reader {
    private final byte[] body;
    private int at;

    Reader(byte[] body) {
      this.body = body;
    }

    int integer() throws IOException {
      need(4);
      int v =
          ((body[at] & 0xff) << 24)
              | ((body[at + 1] & 0xff) << 16)
              | ((body[at + 2] & 0xff) << 8)
              | (body[at + 3] & 0xff);
      at += 4;
      return v;
    }

    boolean flag() throws IOException {
      need(1);
      return body[at++] != 0;
    }

    byte[] bytes() throws IOException {
      return slice().copy();
    }

    Slice slice() throws IOException {
      int n = integer();
      if (n < 0) {
        throw new IOException("a field of negative length " + n + " in a wire frame");
      }
      need(n);
      Slice out = new Slice(body, at, n);
      at += n;
      return out;
    }

    String string() throws IOException {
      Slice s = slice();
      return new String(s.array(), s.offset(), s.length(), StandardCharsets.UTF_8);
    }

    Metadata metadata() throws IOException {
      int n = integer();
      if (n < 0 || n > body.length) {
        throw new IOException("a wire frame claims " + n + " header entries");
      }
      Metadata metadata = new Metadata();
      for (int i = 0; i < n; i++) {
        String name = string();
        byte[] value = bytes();
        try {
          metadata.put(key(name), value);
        } catch (IllegalArgumentException e) {
          throw new IOException("a wire frame's header '" + name + "': " + e.getMessage(), e);
        }
      }
      return metadata;
    }

    void end() throws IOException {
      if (at != body.length) {
        throw new IOException((body.length - at) + " bytes left over at the end of a wire frame");
      }
    }

    private void need(int n) throws IOException {
      if (n > body.length - at) {
        throw new EOFException("a wire frame cut short: " + n + " more bytes needed at " + at);
      }
    }
  }
}
