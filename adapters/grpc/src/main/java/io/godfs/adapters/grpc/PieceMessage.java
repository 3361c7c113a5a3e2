package io.godfs.adapters.grpc;

import com.google.protobuf.CodedOutputStream;
import io.godfs.api.v1.ChunkData;
import io.godfs.api.v1.ReadChunkResponse;
import io.godfs.domain.chunk.ChunkPiece;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A data message written for gRPC straight from the buffers a piece lies in, without first
 * gathering them into one array: a forward, from the buffers the piece arrived in ({@link
 * #forward}), or a chunkserver's answer to a read, from the buffer it read the replica into ({@link
 * #readAnswer}). gRPC drains it into its own frames: one copy, through a 64 KiB scratch array from
 * a direct buffer. A forward keeps its {@link HeldForward} (and so the buffers) reachable until
 * then.
 */
final class PieceMessage extends InputStream implements Drainable, KnownLength {
  private static final int SCRATCH_BYTES = 64 * 1024;

  private final byte[] head;
  private final ByteBuffer[] parts;
  private final int length;
  private Object keepAlive;
  private InputStream materialized;

  /**
   * A forward: the bytes protobuf would write for a {@code WriteChunkRequest} with its {@code data}
   * set.
   *
   * @param fields the message's fields but its bytes
   * @param keepAlive what holds the buffers of {@code parts}: kept reachable until drained
   */
  static PieceMessage forward(ChunkData fields, ByteBuffer[] parts, Object keepAlive) {
    int dataLength = length(parts);
    byte[] fieldBytes = fields.toByteArray();
    int inner =
        fieldBytes.length + 1 + CodedOutputStream.computeUInt32SizeNoTag(dataLength) + dataLength;
    byte[] head =
        new byte
            [1
                + CodedOutputStream.computeUInt32SizeNoTag(inner)
                + fieldBytes.length
                + 1
                + CodedOutputStream.computeUInt32SizeNoTag(dataLength)];
    CodedOutputStream out = CodedOutputStream.newInstance(head);
    try {
      out.writeUInt32NoTag(DataMessages.DATA);
      out.writeUInt32NoTag(inner);
      out.writeRawBytes(fieldBytes);
      out.writeUInt32NoTag(DataMessages.BYTES);
      out.writeUInt32NoTag(dataLength);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("the head was sized for its fields", e);
    }
    return new PieceMessage(head, parts, keepAlive);
  }

  /**
   * A chunkserver's answer to a read: the bytes protobuf would write for a {@code
   * ReadChunkResponse} of {@code piece} (its offset and CRCs first, then its bytes), written
   * straight from the piece's buffers, which may be direct. gRPC drains it before {@code onNext}
   * returns, so the buffers may be reused after that.
   */
  static PieceMessage readAnswer(ChunkPiece piece) {
    int dataLength = piece.length();
    int[] crcs = piece.crcs();
    ReadChunkResponse.Builder fields = ReadChunkResponse.newBuilder();
    fields.setOffsetInChunk(piece.offset());
    for (int crc : crcs) {
      fields.addCrcs(crc);
    }
    byte[] fieldBytes = fields.build().toByteArray();
    byte[] head =
        Arrays.copyOf(
            fieldBytes,
            fieldBytes.length + 1 + CodedOutputStream.computeUInt32SizeNoTag(dataLength));
    CodedOutputStream out =
        CodedOutputStream.newInstance(head, fieldBytes.length, head.length - fieldBytes.length);
    try {
      out.writeUInt32NoTag(DataMessages.READ_BYTES);
      out.writeUInt32NoTag(dataLength);
      out.checkNoSpaceLeft();
    } catch (IOException e) {
      throw new IllegalStateException("the head was sized for its fields", e);
    }
    return new PieceMessage(head, piece.parts(), null);
  }

  private PieceMessage(byte[] head, ByteBuffer[] parts, Object keepAlive) {
    this.head = head;
    this.parts = parts;
    this.length = head.length + length(parts);
    this.keepAlive = keepAlive;
  }

  private static int length(ByteBuffer[] parts) {
    long n = 0;
    for (ByteBuffer part : parts) {
      n += part.remaining();
    }
    return Math.toIntExact(n);
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
