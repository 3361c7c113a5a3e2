package io.godfs.adapters.grpc.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.Metadata;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The metadata wire's frames: what one side writes, the other reads back exactly. */
class WireFramesTest {
  static final Metadata.Key<String> AUTH =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<byte[]> TRACE =
      Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER);
  static final Metadata.Key<String> ERROR =
      Metadata.Key.of("godfs-error", Metadata.ASCII_STRING_MARSHALLER);

  /** Writes one frame as a connection would and reads its body back as the peer would. */
  static byte[] sent(WireFrames.FrameBuffer frame) throws IOException {
    ByteArrayOutputStream socket = new ByteArrayOutputStream();
    frame.sendTo(socket);
    return WireFrames.readFrame(
        new DataInputStream(new ByteArrayInputStream(socket.toByteArray())));
  }

  @Test
  void aRequestComesBackWithItsMethodHeadersAndBytes() throws IOException {
    Metadata headers = new Metadata();
    headers.put(AUTH, "Bearer k1");
    headers.put(AUTH, "Bearer k2");
    headers.put(TRACE, new byte[] {0, (byte) 0xff, 7});
    WireFrames.FrameBuffer frame = new WireFrames.FrameBuffer();
    WireFrames.writeRequest(frame, "godfs.v1.MasterService/Stat", headers, new byte[] {1, 2, 3});

    WireFrames.Request read = WireFrames.readRequest(sent(frame));
    assertThat(read.method()).isEqualTo("godfs.v1.MasterService/Stat");
    assertThat(read.headers().getAll(AUTH)).containsExactly("Bearer k1", "Bearer k2");
    assertThat(read.headers().get(TRACE)).containsExactly(0, 0xff, 7);
    assertThat(read.message().copy()).containsExactly(1, 2, 3);
  }

  @Test
  void anAnswerComesBackWithItsStatusMessageAndTrailers() throws IOException {
    Metadata trailers = new Metadata();
    trailers.put(ERROR, "NOT_FOUND");
    WireFrames.FrameBuffer frame = new WireFrames.FrameBuffer();
    WireFrames.writeAnswer(
        frame, null, null, Status.NOT_FOUND.withDescription("/a: no such file"), trailers);
    WireFrames.Answer refused = WireFrames.readAnswer(sent(frame));
    assertThat(refused.status().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    assertThat(refused.status().getDescription()).isEqualTo("/a: no such file");
    assertThat(refused.trailers().get(ERROR)).isEqualTo("NOT_FOUND");
    assertThat(refused.message()).isNull();

    // The same buffer serves the next frame of the connection.
    WireFrames.writeAnswer(frame, new Metadata(), new byte[0], Status.OK, null);
    WireFrames.Answer ok = WireFrames.readAnswer(sent(frame));
    assertThat(ok.status().isOk()).isTrue();
    assertThat(ok.status().getDescription()).isNull();
    assertThat(ok.message().copy()).isEmpty();
  }

  @Test
  void aFrameCutShortOrWithBytesLeftOverIsRefused() throws IOException {
    WireFrames.FrameBuffer frame = new WireFrames.FrameBuffer();
    WireFrames.writeRequest(frame, "m/M", new Metadata(), new byte[] {9});
    byte[] body = sent(frame);

    assertThatThrownBy(() -> WireFrames.readRequest(Arrays.copyOf(body, body.length - 1)))
        .isInstanceOf(EOFException.class)
        .hasMessageContaining("cut short");
    assertThatThrownBy(() -> WireFrames.readRequest(Arrays.copyOf(body, body.length + 2)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("2 bytes left over");
  }

  @Test
  void aFrameOverTheLimitIsRefusedBeforeItIsRead() {
    int tooLong = WireFrames.MAX_FRAME + 1;
    byte[] header = {
      (byte) (tooLong >>> 24), (byte) (tooLong >>> 16), (byte) (tooLong >>> 8), (byte) tooLong
    };
    assertThatThrownBy(
            () -> WireFrames.readFrame(new DataInputStream(new ByteArrayInputStream(header))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("over the limit of " + WireFrames.MAX_FRAME);
  }

  @Test
  void aConnectionClosedBetweenFramesReadsAsTheEnd() throws IOException {
    assertThat(WireFrames.readFrame(new DataInputStream(new ByteArrayInputStream(new byte[0]))))
        .isNull();
  }
}
