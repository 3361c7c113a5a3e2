package io.godfs.adapters.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class TransferBuffersTest {
  private final TransferBuffers buffers = new TransferBuffers();

  @Test
  void anArrayGivenBackIsLentAgainWhicheverThreadAsks() throws Exception {
    byte[] first = buffers.borrow(1 << 20);
    assertThat(first).hasSizeGreaterThanOrEqualTo(1 << 20);
    buffers.giveBack(first);

    // Another thread, as libfuse's workers look to the JVM: the same array, not a new one.
    byte[] again = CompletableFuture.supplyAsync(() -> buffers.borrow(4096)).get();

    assertThat(again).isSameAs(first);
  }

  @Test
  void aKeptArrayTooSmallForTheCallIsReplacedByOneLargeEnough() {
    buffers.giveBack(buffers.borrow(10));

    byte[] large = buffers.borrow(512 * 1024);

    assertThat(large).hasSizeGreaterThanOrEqualTo(512 * 1024);
  }

  @Test
  void whileEveryArrayIsLentEachCallerGetsItsOwnAndAtMostSixteenAreKept() {
    List<byte[]> lent = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      lent.add(buffers.borrow(1024));
    }
    assertThat(lent.stream().distinct()).hasSize(20);

    lent.forEach(buffers::giveBack);

    assertThat(buffers.spare()).isEqualTo(TransferBuffers.KEPT);
  }
}
