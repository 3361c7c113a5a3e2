package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.godfs.api.v1.ChunkData;
import io.godfs.api.v1.WriteChunkRequest;
import io.godfs.domain.chunk.ChunkPiece;
import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PieceFromMessageTest {

  @Test
  void aReceivedPieceIsAViewOfTheArrayItWasParsedIntoSoForwardingItCopiesNothing() {
    byte[] bytes = new byte[1 << 20];
    new Random(4).nextBytes(bytes);
    ChunkPiece sent = ChunkPiece.of(65536, ByteBuffer.wrap(bytes));
    byte[] wire =
        WriteChunkRequest.newBuilder().setData(ProtoMapper.toProto(3, sent)).build().toByteArray();
    WriteChunkRequest received =
        DataMethods.WRITE.getRequestMarshaller().parse(new ByteArrayInputStream(wire));

    ChunkPiece piece = ProtoMapper.toPiece(received.getData());

    assertThat(piece.data().hasArray()).isTrue();
    assertThat(piece.data()).isEqualTo(ByteBuffer.wrap(bytes));
    assertThat(piece.verify()).isTrue();
    // The message forwarded to the next replica wraps that same array.
    ChunkData forwarded = ProtoMapper.toProto(3, piece);
    assertThat(forwarded.getData()).isEqualTo(received.getData().getData());
    ByteBuffer again = ProtoMapper.heapView(forwarded.getData());
    assertThat(again.array()).isSameAs(piece.data().array());
  }

  @Test
  void bytesInSeveralPartsOrInADirectBufferAreCopiedOnce() {
    ByteString rope =
        ByteString.copyFrom(new byte[300]).concat(ByteString.copyFromUtf8("x".repeat(300)));
    ByteBuffer fromRope = ProtoMapper.heapView(rope);
    assertThat(fromRope.hasArray()).isTrue();
    assertThat(ByteString.copyFrom(fromRope.duplicate())).isEqualTo(rope);

    ByteString direct =
        UnsafeByteOperations.unsafeWrap(ByteBuffer.allocateDirect(10).put((byte) 7).flip());
    assertThat(ProtoMapper.heapView(direct).get(0)).isEqualTo((byte) 7);
    assertThat(ProtoMapper.heapView(ByteString.EMPTY).remaining()).isZero();
  }
}
