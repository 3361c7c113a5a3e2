package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import io.godfs.api.v1.ChunkData;
import io.godfs.api.v1.ReadChunkResponse;
import io.godfs.api.v1.WriteChunkRequest;
import io.godfs.api.v1.WriteFinish;
import io.godfs.api.v1.WriteHeader;
import io.godfs.domain.chunk.ChunkPiece;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DataMessagesTest {

  @Test
  void aDataMessageCutAnywhereParsesAsProtobufParsesItAndItsBytesStayInTheBuffers()
      throws IOException {
    Random random = new Random(11);
    for (int c = 0; c < 300; c++) {
      byte[] bytes = new byte[1 + random.nextInt(300_000)];
      random.nextBytes(bytes);
      ChunkData.Builder data =
          ChunkData.newBuilder()
              .setSeq(random.nextLong(1L << 40))
              .setOffsetInChunk(random.nextLong(1L << 30))
              .setData(ByteString.copyFrom(bytes));
      for (int i = random.nextInt(6); i > 0; i--) {
        data.addCrcs(random.nextInt());
      }
      WriteChunkRequest sent = WriteChunkRequest.newBuilder().setData(data).build();
      List<ByteBuffer> buffers = cut(sent.toByteArray(), random);

      DataMessages.Parsed parsed = DataMessages.parse(buffers);

      ChunkData expected = WriteChunkRequest.parseFrom(sent.toByteArray()).getData();
      assertThat(parsed.fields()).isEqualTo(expected.toBuilder().clearData().build());
      assertThat(gather(parsed.bytes())).isEqualTo(bytes);
      assertThat(parsed.bytes()).allMatch(ByteBuffer::isDirect, "a view of a received buffer");
    }
  }

  @Test
  void aForwardWrittenFromTheBuffersIsTheMessageProtobufWouldWrite() throws IOException {
    Random random = new Random(12);
    for (int c = 0; c < 100; c++) {
      byte[] bytes = new byte[random.nextInt(300_000)];
      random.nextBytes(bytes);
      ChunkData.Builder fields =
          ChunkData.newBuilder().setSeq(random.nextLong(1L << 40)).setOffsetInChunk(c * 65536L);
      for (int i = random.nextInt(6); i > 0; i--) {
        fields.addCrcs(random.nextInt());
      }
      List<ByteBuffer> parts = cut(bytes, random);
      if (c % 2 == 0) {
        parts.add(
            0, ByteBuffer.wrap(new byte[0])); // heap parts are written straight from the array
      }
      HeldBuffers held = new HeldBuffers(InputStream.nullInputStream());
      HeldForward forward =
          new HeldForward(fields.build(), parts.toArray(ByteBuffer[]::new), held.retain());

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PieceMessage message = forward.message();
      int length = message.available();
      assertThat(message.drainTo(out)).isEqualTo(length);
      assertThat(forward.message().drainTo(new ByteArrayOutputStream()))
          .as("gRPC may write a forward again (a transparent retry)")
          .isEqualTo(length);

      assertThat(WriteChunkRequest.parseFrom(out.toByteArray()))
          .isEqualTo(
              WriteChunkRequest.newBuilder()
                  .setData(fields.setData(ByteString.copyFrom(bytes)))
                  .build());
      held.release(); // the handler is done with the piece
      forward.acked(); // and the next replica has it
      forward.acked(); // an ack counts once
      assertThatThrownBy(held::retain)
          .as("acked and handled, the buffers are released")
          .isInstanceOf(IllegalStateException.class);
    }
  }

  @Test
  void aReadAnswerWrittenFromADirectBufferIsTheMessageProtobufWouldWriteAndParsesInPlace()
      throws IOException {
    Random random = new Random(13);
    for (int c = 0; c < 100; c++) {
      byte[] bytes = new byte[random.nextInt(300_000)];
      random.nextBytes(bytes);
      int[] crcs = new int[random.nextInt(6)];
      for (int i = 0; i < crcs.length; i++) {
        crcs[i] = random.nextInt();
      }
      ByteBuffer direct = ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
      long offset = c * 65536L;

      ByteArrayOutputStream out = new ByteArrayOutputStream();
      PieceMessage answer = PieceMessage.readAnswer(new ChunkPiece(offset, direct, crcs));
      int length = answer.available();
      assertThat(answer.drainTo(out)).isEqualTo(length);

      ReadChunkResponse.Builder expected =
          ReadChunkResponse.newBuilder()
              .setOffsetInChunk(offset)
              .setData(ByteString.copyFrom(bytes));
      Arrays.stream(crcs).forEach(expected::addCrcs);
      assertThat(ReadChunkResponse.parseFrom(out.toByteArray())).isEqualTo(expected.build());

      DataMessages.ParsedRead parsed = DataMessages.parseRead(cut(out.toByteArray(), random));
      assertThat(parsed.offset()).isEqualTo(offset);
      assertThat(parsed.crcs()).isEqualTo(crcs);
      assertThat(gather(parsed.bytes())).isEqualTo(bytes);
      assertThat(parsed.bytes()).allMatch(ByteBuffer::isDirect, "a view of a received buffer");
    }
  }

  @Test
  void aForwardThatIsNeverAckedReleasesItsBuffersOnceNothingReachesIt() throws Exception {
    HeldBuffers held = new HeldBuffers(InputStream.nullInputStream());
    sendAndDropForward(held);
    held.release();
    long deadline = System.nanoTime() + 20_000_000_000L;
    boolean released = false;
    while (!released && System.nanoTime() < deadline) {
      System.gc(); // the condition waited for: the forward collected and its cleaner run
      Thread.sleep(10);
      try {
        held.retain().release();
      } catch (IllegalStateException e) {
        released = true;
      }
    }
    assertThat(released).as("released after the forward was collected").isTrue();
  }

  /** A forward made and written once, as by a call that then failed: no ack will come. */
  private static void sendAndDropForward(HeldBuffers held) throws IOException {
    ByteBuffer part = ByteBuffer.allocateDirect(100_000);
    new HeldForward(
            ChunkData.newBuilder().setSeq(1).build(), new ByteBuffer[] {part}, held.retain())
        .message()
        .drainTo(new ByteArrayOutputStream());
  }

  private static byte[] gather(List<ByteBuffer> parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (ByteBuffer part : parts) {
      byte[] b = new byte[part.remaining()];
      part.duplicate().get(b);
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  @Test
  void crcsSentOneByOneRatherThanPackedAreRead() throws IOException {
    ByteArrayOutputStream inner = new ByteArrayOutputStream();
    CodedOutputStream out = CodedOutputStream.newInstance(inner);
    out.writeInt64(1, 9);
    out.writeBytes(3, ByteString.copyFromUtf8("abc"));
    out.writeFixed32(4, 77);
    out.writeFixed32(4, -5);
    out.flush();
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    CodedOutputStream message = CodedOutputStream.newInstance(whole);
    message.writeByteArray(2, inner.toByteArray());
    message.flush();

    DataMessages.Parsed parsed = DataMessages.parse(cut(whole.toByteArray(), new Random(3)));

    assertThat(parsed.fields().getSeq()).isEqualTo(9);
    assertThat(gather(parsed.bytes())).isEqualTo("abc".getBytes(StandardCharsets.UTF_8));
    assertThat(parsed.fields().getCrcsList()).containsExactly(77, -5);
  }

  @Test
  void headersFinishesUnknownFieldsAndTruncatedMessagesAreLeftToProtobuf() {
    Random random = new Random(5);
    WriteChunkRequest header =
        WriteChunkRequest.newBuilder().setHeader(WriteHeader.newBuilder().setChunkId(4)).build();
    WriteChunkRequest finish =
        WriteChunkRequest.newBuilder().setFinish(WriteFinish.newBuilder().setSeq(3)).build();
    byte[] data =
        WriteChunkRequest.newBuilder()
            .setData(ChunkData.newBuilder().setSeq(2).setData(ByteString.copyFromUtf8("xyz")))
            .build()
            .toByteArray();
    byte[] withUnknownField = Arrays.copyOf(data, data.length + 2);
    withUnknownField[data.length] = 5 << 3; // field 5, varint: not part of WriteChunkRequest
    withUnknownField[data.length + 1] = 1;

    assertThat(DataMessages.parse(cut(header.toByteArray(), random))).isNull();
    assertThat(DataMessages.parse(cut(finish.toByteArray(), random))).isNull();
    assertThat(DataMessages.parse(cut(withUnknownField, random))).isNull();
    assertThat(DataMessages.parse(cut(Arrays.copyOf(data, data.length - 1), random))).isNull();
    assertThat(DataMessages.parse(List.of())).isNull();
  }

  /** {@code bytes} cut at random places into direct buffers, as the network delivers them. */
  private static List<ByteBuffer> cut(byte[] bytes, Random random) {
    List<ByteBuffer> buffers = new ArrayList<>();
    int at = 0;
    while (at < bytes.length) {
      int n = Math.min(bytes.length - at, 1 + random.nextInt(40_000));
      buffers.add(ByteBuffer.allocateDirect(n).put(bytes, at, n).flip());
      at += n;
    }
    return buffers;
  }
}
