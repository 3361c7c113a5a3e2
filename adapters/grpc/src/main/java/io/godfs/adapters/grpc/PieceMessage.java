package io.godfs.adapters.grpc;

import com.google.protobuf.CodedOutputStream;
import io.godfs.api.v1.ChunkData;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * A data message being forwarded, written for gRPC straight from the buffers the piece arrived in:
 * the same bytes protobuf would write for a {@code WriteChunkRequest} with its {@code data} set,
 * without first gathering them into one array. gRPC drains it into its own frames (the one copy a
 * forward needs). It keeps its {@link HeldForward} (and so the buffers) reachable until then.
 */
final class PieceMessage extends InputStream implements Drainable, KnownLength {
  private static final int SCRATCH_BYTES = 64 * 1024;

  private final byte[] head;
  private final ByteBuffer[] parts;
  private final int length;
  private Object keepAlive;
  private InputStream materialized;

  /**
   * @param fields the message's fields but its bytes
   * @param keepAlive what holds the buffers of {@code parts}: kept reachable until drained
   */
  PieceMessage(ChunkData fields, ByteBuffer[] parts, Object keepAlive) {
    long dataLength = 0;
    for (ByteBuffer part : parts) {
      dataLength += part.remaining();
    }
    byte[] fieldBytes = fields.toByteArray();
    int inner =
        fieldBytes.length
            + 1
            + CodedOutputStream.computeUInt32SizeNoTag((int) dataLength)
            + (int) dataLength;
    head =
        new byte
            [1
                + CodedOutputStream.computeUInt32SizeNoTag(inner)
                + fieldBytes.length
                + 1
                + CodedOutputStream.computeUInt32SizeNoTag((int) dataLength)];
    CodedOutputStream out = CodedOutputStream.newInstance(head);
    try {
      out.writeUInt32NoTag(DataMessages.DATA);
      out.writeUInt32NoTag(inner);
      out.writeRawBytes(fieldBytes);
      out.writeUInt32NoTag(DataMessages.BYTES);
      out.writeUInt32NoTag((int) dataLength);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("the head was sized for its fields", e);
    }
    this.parts = parts;
    this.length = head.length + (int) dataLength;
    this.keepAlive = keepAlive;
  }

  @Override
  public int drainTo(OutputStream target) throws IOException {
    if (materialized != null) {
      return (int) materialized.transferTo(target);
    }
    target.write(head);
    byte[] scratch = null;
    for (ByteBuffer part : parts) {
      ByteBuffer view = part.duplicate();
      if (view.hasArray()) {
        target.write(view.array(), view.arrayOffset() + view.position(), view.remaining());
        continue;
      }
      if (scratch == null) {
        scratch = new byte[Math.min(SCRATCH_BYTES, length)];
      }
      while (view.hasRemaining()) {
        int n = Math.min(scratch.length, view.remaining());
        view.get(scratch, 0, n);
        target.write(scratch, 0, n);
      }
    }
    materialized = InputStream.nullInputStream();
    keepAlive = null;
    return length;
  }

  @Override
  public int available() throws IOException {
    return materialized != null ? materialized.available() : length;
  }

  @Override
  public int read() throws IOException {
    return materialize().read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    return materialize().read(b, off, len);
  }

  /** Read byte by byte (not how gRPC sends it): gathered once into an array. */
  private InputStream materialize() throws IOException {
    if (materialized == null) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(length);
      drainTo(bytes);
      materialized = new ByteArrayInputStream(bytes.toByteArray());
    }
    return materialized;
  }
}
