package io.godfs.adapters.grpc;

import io.godfs.api.v1.ChunkData;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * Reads a {@code WriteChunkRequest} carrying data, or a {@code ReadChunkResponse}, over the buffers
 * it arrived in, so that its bytes stay where the network put them. Only the plain shapes a writer
 * and a chunkserver send are read here: for a write, field 2 ({@code data}) once, holding seq,
 * offset, bytes and CRCs; for a read's answer, offset, bytes once and CRCs. Anything else (a
 * header, a finish, repeated or unknown fields) gives null and goes to protobuf's parser.
 */
final class DataMessages {
  static final int DATA = 2 << 3 | 2;
  static final int BYTES = 3 << 3 | 2;
  private static final int SEQ = 1 << 3;
  private static final int OFFSET = 2 << 3;
  private static final int CRCS_PACKED = 4 << 3 | 2;
  private static final int CRC_SINGLE = 4 << 3 | 5;

  /** A data message: its fields but the bytes (in {@code fields}), and views of the bytes. */
  record Parsed(ChunkData fields, List<ByteBuffer> bytes) {}

  /** A read's answer: the piece's offset, views of its bytes and its CRCs. */
  record ParsedRead(long offset, List<ByteBuffer> bytes, int[] crcs) {}

  private static final int READ_OFFSET = 1 << 3;
  static final int READ_BYTES = 2 << 3 | 2;
  private static final int READ_CRCS_PACKED = 3 << 3 | 2;
  private static final int READ_CRC_SINGLE = 3 << 3 | 5;

  private DataMessages() {}

  static Parsed parse(List<ByteBuffer> buffers) {
    try {
      WireCursor in = new WireCursor(buffers);
      if (in.left() == 0 || in.readVarint() != DATA || in.readVarint() != in.left()) {
        return null;
      }
      ChunkData.Builder fields = ChunkData.newBuilder();
      List<ByteBuffer> bytes = null;
      while (in.left() > 0) {
        long tag = in.readVarint();
        if (tag == SEQ) {
          fields.setSeq(in.readVarint());
        } else if (tag == OFFSET) {
          fields.setOffsetInChunk(in.readVarint());
        } else if (tag == BYTES && bytes == null) {
          bytes = in.readViews(in.readVarint());
        } else if (tag == CRCS_PACKED) {
          if (!readPackedCrcs(in, fields::addCrcs)) {
            return null;
          }
        } else if (tag == CRC_SINGLE) {
          fields.addCrcs(in.readFixed32());
        } else {
          return null;
        }
      }
      return bytes == null ? null : new Parsed(fields.build(), bytes);
    } catch (WireCursor.Malformed e) {
      return null;
    }
  }

  static ParsedRead parseRead(List<ByteBuffer> buffers) {
    try {
      WireCursor in = new WireCursor(buffers);
      long offset = 0;
      List<ByteBuffer> bytes = null;
      IntStream.Builder crcs = IntStream.builder();
      while (in.left() > 0) {
        long tag = in.readVarint();
        if (tag == READ_OFFSET) {
          offset = in.readVarint();
        } else if (tag == READ_BYTES && bytes == null) {
          bytes = in.readViews(in.readVarint());
        } else if (tag == READ_CRCS_PACKED) {
          if (!readPackedCrcs(in, crcs::add)) {
            return null;
          }
        } else if (tag == READ_CRC_SINGLE) {
          crcs.add(in.readFixed32());
        } else {
          return null;
        }
      }
      return bytes == null ? null : new ParsedRead(offset, bytes, crcs.build().toArray());
    } catch (WireCursor.Malformed e) {
      return null;
    }
  }

  /** A packed run of fixed32 CRCs, each to {@code add}; false when its length cannot be one. */
  private static boolean readPackedCrcs(WireCursor in, IntConsumer add)
      throws WireCursor.Malformed {
    long length = in.readVarint();
    if (length % 4 != 0 || length > in.left()) {
      return false;
    }
    for (long i = 0; i < length / 4; i++) {
      add.accept(in.readFixed32());
    }
    return true;
  }
}
