package io.godfs.application.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;

class StreamBuffersTest {
  static final int MIB = 1 << 20;

  @Test
  void aSmallFileGetsASmallBufferAndAStreamingOneAFullOne() {
    assertThat(StreamBuffers.allocate(false, MIB, 1024).capacity()).isEqualTo(8 * 1024);
    assertThat(StreamBuffers.allocate(false, MIB, 100_000).capacity()).isEqualTo(100_000);
    assertThat(StreamBuffers.allocate(false, 4096, 1024).capacity()).isEqualTo(4096);
    assertThat(StreamBuffers.allocate(true, MIB, 1024).capacity()).isEqualTo(MIB);
  }

  @Test
  void aFullBufferDoublesKeepingItsBytesUpToItsLimit() {
    ByteBuffer buffer = StreamBuffers.allocate(false, 20_000, 10);
    buffer.put(new byte[8 * 1024 - 1]).put((byte) 7);

    ByteBuffer grown = StreamBuffers.roomFor(buffer, 1, 20_000);
    assertThat(grown.capacity()).isEqualTo(16 * 1024);
    assertThat(grown.position()).isEqualTo(8 * 1024);
    assertThat(grown.get(8 * 1024 - 1)).isEqualTo((byte) 7);

    assertThat(StreamBuffers.roomFor(grown, 1, 20_000)).isSameAs(grown); // room enough
    assertThat(StreamBuffers.roomFor(grown, 10_000, 20_000).capacity()).isEqualTo(20_000);
  }
}
