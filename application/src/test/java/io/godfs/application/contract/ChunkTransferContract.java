package io.godfs.application.contract;

import static io.godfs.application.contract.ChunkBytes.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.ErrorCode;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.godfs.application.port.out.ChunkPipeline} and {@link
 * io.godfs.application.port.out.ChunkFetcher} together, since one writes what the other reads: run
 * against every adapter (in-process and gRPC) over three chunkservers that use the same adapter to
 * reach each other. A subclass starts them; it also inherits the refusals and failures of {@link
 * ChunkTransferFailuresContract}.
 */
public abstract class ChunkTransferContract extends ChunkTransferFailuresContract {

  @Test
  void aMultiPieceWriteDownThreeNodesIsFetchedBackByteIdenticalFromEachOfThem() throws Exception {
    ChunkId chunk = id(1);
    byte[] data = random(1, 3 * MIB + 12_345);

    Recorder writer = write(chunk, V1, nodes, data, 1_000_000, MIB, 700_001, 200_000);

    assertThat(writer.awaitEnd(Finished.class)).isEqualTo(new Finished(6, data.length));
    for (int i = 0; i < 3; i++) {
      assertThat(stores.get(i).describe(chunk))
          .as("cs-%d", i)
          .contains(new StoredChunk(chunk, V1, data.length));
      Fetched fetched = fetch(nodes.get(i), chunk, V1, 0, data.length);
      assertThat(fetched.offset()).isZero();
      assertThat(fetched.bytes()).as("bytes from cs-%d", i).isEqualTo(data);
    }
  }

  @Test
  void aPartialFetchFromAnUnalignedOffsetStartsAtTheCoveringBlock() throws Exception {
    ChunkId chunk = id(2);
    byte[] data = random(2, 300_000);
    write(chunk, V1, nodes, data, 123_457).awaitEnd(Finished.class);

    assertCovers(fetch(nodes.get(2), chunk, V1, 70_000, 10), data, 70_000, 10);
    assertCovers(fetch(nodes.get(1), chunk, V1, 100_000, 150_000), data, 100_000, 150_000);
    Fetched tail = fetch(nodes.get(0), chunk, V1, 290_000, 1_000_000); // past the end: to the end
    assertCovers(tail, data, 290_000, 10_000);
    assertThat(tail.offset() + tail.bytes().length).isEqualTo(data.length);
  }

  /** Starts at the block holding {@code offset}, reaches the range's end, ends within its block. */
  private static void assertCovers(Fetched fetched, byte[] data, long offset, int length) {
    long start = ChunkLayout.blockStart(offset);
    long end = offset + length;
    assertThat(fetched.offset()).isEqualTo(start);
    assertThat(fetched.offset() + fetched.bytes().length)
        .isGreaterThanOrEqualTo(end)
        .isLessThanOrEqualTo(ChunkLayout.blockStart(end - 1) + BLOCK);
    assertThat(fetched.bytes())
        .isEqualTo(Arrays.copyOfRange(data, (int) start, (int) start + fetched.bytes().length));
  }

  @Test
  void acksArriveInOrderAndNeverExceedWhatWasSent() throws Exception {
    byte[] data = random(3, 5 * MIB / 2);

    Recorder writer = write(id(10), V1, nodes, data, 300_000); // seqs 0 to 8, finish at 9

    assertThat(writer.awaitEnd(Finished.class)).isEqualTo(new Finished(9, data.length));
    assertThat(writer.violations).isEmpty();
    assertThat(writer.acks).isNotEmpty().doesNotHaveDuplicates().isSorted().last().isEqualTo(8L);
    assertThat(writer.ends).hasValue(1);
  }

  @Test
  void aNewVersionRewritesPartOfTheChunkAndIsServedOnlyAtThatVersion() throws Exception {
    ChunkId chunk = id(11);
    byte[] data = random(11, 200_000);
    write(chunk, V1, nodes, data, 200_000).awaitEnd(Finished.class);
    byte[] patch = random(12, 70_000);
    System.arraycopy(patch, 0, data, 100_000, patch.length);

    Recorder writer = open(chunk, V2, nodes);
    send(writer, 0, data, 100_000, 30_000);
    send(writer, 1, data, 130_000, 40_000);
    writer.stream.finish(2);

    assertThat(writer.awaitEnd(Finished.class)).isEqualTo(new Finished(2, data.length));
    for (int i = 0; i < 3; i++) {
      assertThat(stores.get(i).describe(chunk)).contains(new StoredChunk(chunk, V2, data.length));
      assertThat(fetch(nodes.get(i), chunk, V2, 0, data.length).bytes()).isEqualTo(data);
      // A reader still at V1 must ask the master again: V2 may be a write it never committed.
      assertThat(fetchRefusal(nodes.get(i), chunk, V1, 0, data.length).code())
          .isEqualTo(ErrorCode.CONFLICT);
    }
  }

  @Test
  void aSingleNodePipelineWritesOnlyThatNodeAndAnEmptyWriteCommitsAnEmptyChunk() throws Exception {
    byte[] data = random(13, 5000);
    write(id(12), V1, List.of(nodes.get(1)), data, 4096).awaitEnd(Finished.class);
    assertThat(stores.get(1).describe(id(12))).contains(new StoredChunk(id(12), V1, 5000));
    assertThat(stores.get(0).describe(id(12))).isEmpty();
    assertThat(stores.get(2).describe(id(12))).isEmpty();
    assertThat(fetch(nodes.get(1), id(12), V1, 0, 5000).bytes()).isEqualTo(data);

    assertThat(write(id(13), V1, nodes, new byte[0]).awaitEnd(Finished.class))
        .isEqualTo(new Finished(0, 0));
    for (int i = 0; i < 3; i++) {
      assertThat(stores.get(i).describe(id(13))).contains(new StoredChunk(id(13), V1, 0));
      Fetched nothing = fetch(nodes.get(i), id(13), V1, 0, 10);
      assertThat(nothing.offset()).isEqualTo(-1);
      assertThat(nothing.bytes()).isEmpty();
    }
  }
}
