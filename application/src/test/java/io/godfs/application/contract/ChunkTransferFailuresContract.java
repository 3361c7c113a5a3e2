package io.godfs.application.contract;

import static io.godfs.application.contract.ChunkBytes.random;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The failure half of the chunk transfer contract: refused fetches arrive as DfsException with the
 * chunkserver's code, and a failed write is reported to the writer once, naming the node that
 * failed. Run through {@link ChunkTransferContract}.
 */
public abstract class ChunkTransferFailuresContract extends ChunkTransferFixture {

  @Test
  void fetchingAnAbsentChunkIsNotFoundAndAnOlderReplicaThanAskedIsConflict() throws Exception {
    ChunkId chunk = id(3);
    write(chunk, V1, nodes, random(3, 1000), 1000).awaitEnd(Finished.class);

    DfsException absent = fetchRefusal(nodes.get(0), id(99), V1, 0, 1);
    assertThat(absent.code()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(absent).hasMessageContaining("chunk-99").hasMessageContaining("cs-0");
    DfsException stale = fetchRefusal(nodes.get(1), chunk, V2, 0, 1000);
    assertThat(stale.code()).isEqualTo(ErrorCode.CONFLICT);
    assertThat(stale).hasMessageContaining(chunk.toString()).hasMessageContaining("stale");
    DfsException negative = fetchRefusal(nodes.get(2), chunk, V1, -1, 10);
    assertThat(negative.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(fetch(nodes.get(2), chunk, V1, 0, 1000).bytes()).hasSize(1000); // still serving
  }

  @Test
  void aPieceWithAWrongCrcFailsTheWriteWithCorruptNamingTheNode() throws Exception {
    ChunkId chunk = id(4);
    byte[] data = random(4, 3000);
    Recorder writer = open(chunk, V1, nodes);
    send(writer, 0, data, 0, 1000);
    ChunkPiece good = ChunkBytes.piece(1000, data, 1000, 2000);
    int[] wrong = good.crcs().clone();
    wrong[0] ^= 1;
    writer.sent = 1;
    writer.stream.send(1, new ChunkPiece(1000, good.data(), wrong));
    writer.stream.finish(2);

    Failed failed = writer.awaitEnd(Failed.class);
    assertThat(failed.error().code()).isEqualTo(ErrorCode.CORRUPT);
    assertThat(failed.error().message()).contains("cs-0").contains(chunk.toString());
    assertThat(failed.node()).isEqualTo(nodes.get(0));
    writer.stream.cancel("the write failed");
    assertThat(writer.ends).hasValue(1);
    assertThat(writer.violations).isEmpty();
    for (int i = 0; i < 3; i++) {
      assertThat(stores.get(i).describe(chunk)).as("cs-%d", i).isEmpty(); // no finish got past cs-0
    }
  }

  @Test
  void aRefusalOnTheLastNodeReachesTheWriterNamingThatNode() throws Exception {
    ChunkId chunk = id(5);
    try (ChunkWriter busy = stores.get(2).openWriter(chunk, V1)) { // cs-2 refuses to open the chunk
      Recorder writer = write(chunk, V1, nodes, random(5, 1000), 1000);

      Failed failed = writer.awaitEnd(Failed.class);
      assertThat(failed.error().code()).isEqualTo(ErrorCode.CONFLICT);
      assertThat(failed.error().message()).contains(chunk.toString());
      assertThat(failed.node()).isEqualTo(nodes.get(2));
      writer.stream.cancel("the write failed");
      assertThat(writer.ends).hasValue(1);
    }
    assertThat(stores.get(2).describe(chunk)).isEmpty();
  }

  @Test
  void anUnreachableLastNodeIsReportedToTheWriterNamingThatNode() throws Exception {
    crash(nodes.get(2));

    Recorder writer = write(id(6), V1, nodes, random(6, 1000), 1000);

    Failed failed = writer.awaitEnd(Failed.class);
    assertThat(failed.error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(failed.error().message()).contains("cs-2");
    assertThat(failed.node()).isEqualTo(nodes.get(2));
    writer.stream.cancel("the write failed");
    assertThat(writer.ends).hasValue(1);
  }

  @Test
  void anUnreachableNodeFailsAWriteOnTheListenerAndAFetchWithUnavailable() throws Exception {
    crash(nodes.get(1));

    Recorder writer = write(id(7), V1, List.of(nodes.get(1)), random(7, 10), 10);
    Failed failed = writer.awaitEnd(Failed.class);
    assertThat(failed.error().code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(failed.node()).isEqualTo(nodes.get(1));

    DfsException unreachable = fetchRefusal(nodes.get(1), id(7), V1, 0, 10);
    assertThat(unreachable.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(unreachable).hasMessageContaining("cs-1");
  }

  @Test
  void aWriterThatCancelsEndsItsStreamWithOneFailureAndNothingIsCommitted() throws Exception {
    ChunkId chunk = id(8);
    Recorder writer = open(chunk, V1, nodes);
    send(writer, 0, random(8, 5000), 0, 5000);

    PipelineStream stream = writer.stream;
    stream.cancel("the writer gave up");
    Failed failed = writer.awaitEnd(Failed.class);
    assertThat(failed.error().code()).isNotNull();
    stream.cancel("again");
    stream.send(1, ChunkPiece.of(5000, ByteBuffer.wrap(new byte[10])));
    stream.finish(2);
    assertThat(writer.ends).hasValue(1);
    for (int i = 0; i < 3; i++) {
      assertThat(stores.get(i).describe(chunk)).as("cs-%d", i).isEmpty();
    }
  }
}
