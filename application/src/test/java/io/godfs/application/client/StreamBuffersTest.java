package io.godfs.application.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkPiece;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class StreamBuffersTest {
  static final int MIB = 1 << 20;
  final StreamBuffers buffers = new StreamBuffers(2);

  @Test
  void aSmallFileGetsASmallBufferAndAStreamingOneAFullOne() {
    assertThat(buffers.allocate(false, MIB, 1024).capacity()).isEqualTo(8 * 1024);
    assertThat(buffers.allocate(false, MIB, 100_000).capacity()).isEqualTo(100_000);
    assertThat(buffers.allocate(false, 4096, 1024).capacity()).isEqualTo(4096);
    assertThat(buffers.allocate(true, MIB, 1024).capacity()).isEqualTo(MIB);
  }

  @Test
  void aFullBufferDoublesKeepingItsBytesUpToItsLimit() {
    ByteBuffer buffer = buffers.allocate(false, 20_000, 10);
    buffer.put(new byte[8 * 1024 - 1]).put((byte) 7);

    ByteBuffer grown = StreamBuffers.roomFor(buffer, 1, 20_000);
    assertThat(grown.capacity()).isEqualTo(16 * 1024);
    assertThat(grown.position()).isEqualTo(8 * 1024);
    assertThat(grown.get(8 * 1024 - 1)).isEqualTo((byte) 7);

    assertThat(StreamBuffers.roomFor(grown, 1, 20_000)).isSameAs(grown); // room enough
    assertThat(StreamBuffers.roomFor(grown, 10_000, 20_000).capacity()).isEqualTo(20_000);
  }

  @Test
  void anAcknowledgedFullBufferIsFilledAgainAndOnlyAsManyAsRetainedAreKept() {
    ByteBuffer first = buffers.allocate(true, MIB, MIB);
    first.put(new byte[MIB]).flip();
    buffers.reuse(ChunkPiece.of(0, first));
    assertThat(buffers.allocate(true, MIB, 10).array()).isSameAs(first.array());

    for (int i = 0; i < 3; i++) {
      ByteBuffer full = ByteBuffer.allocate(MIB);
      buffers.reuse(ChunkPiece.of(0, full));
    }
    assertThat(buffers.retainedNow()).isEqualTo(2);

    ByteBuffer small = ByteBuffer.allocate(64 * 1024);
    buffers.reuse(ChunkPiece.of(0, small));
    assertThat(buffers.retainedNow()).as("only full-size arrays are kept").isEqualTo(2);
    assertThat(buffers.allocate(false, MIB, 10).capacity())
        .as("a small file's first buffer is not a reused full one")
        .isEqualTo(8 * 1024);
  }
}
