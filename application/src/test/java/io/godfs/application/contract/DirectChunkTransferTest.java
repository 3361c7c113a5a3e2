package io.godfs.application.contract;

import io.godfs.application.chunkserver.ChunkserverServices;
import io.godfs.application.fake.DirectChunkTransfer;
import io.godfs.application.fake.FakeChunkStore;
import io.godfs.application.port.out.ChunkFetcher;
import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

/** The in-process chunk transfer keeps the contract of both ports, with no network at all. */
class DirectChunkTransferTest extends ChunkTransferContract {
  private final DirectChunkTransfer transfer = new DirectChunkTransfer();

  @Override
  protected List<NodeLocation> startChunkservers(List<FakeChunkStore> stores) {
    List<NodeLocation> started = new ArrayList<>();
    for (int i = 0; i < stores.size(); i++) {
      NodeLocation self =
          new NodeLocation(new NodeId("cs-" + i), new NodeAddress("127.0.0.1", 8000 + i));
      transfer.add(
          self, ChunkserverServices.create(stores.get(i), transfer, self, System::nanoTime));
      started.add(self);
    }
    return started;
  }

  @Override
  protected ChunkPipeline pipeline() {
    return transfer;
  }

  @Override
  protected ChunkFetcher fetcher() {
    return transfer;
  }

  @Override
  protected void crash(NodeLocation node) {
    transfer.remove(node);
  }

  @Override
  protected void stopChunkservers() {
    // Nothing runs outside the test's thread.
  }

  /**
   * Synchronous, so checkable at once: a failed stream parks its writers for pipeline recovery, and
   * a newer write of the chunk supersedes them on every node.
   */
  @Test
  void aFailedWritesParkedWritersGiveWayToANewerWrite() throws Exception {
    ChunkId chunk = id(20);
    try (ChunkWriter busy = stores.get(2).openWriter(chunk, V1)) {
      write(chunk, V1, nodes, ChunkBytes.random(20, 1000), 1000).awaitEnd(Failed.class);
    }
    byte[] data = ChunkBytes.random(21, 1000);
    Recorder writer = open(chunk, V1, nodes);
    send(writer, 0, data, 0, 1000);
    writer.stream.send(1, new ChunkPiece(1000, ByteBuffer.wrap(data), new int[] {0}));
    writer.awaitEnd(Failed.class);

    byte[] good = ChunkBytes.random(22, 700);
    write(chunk, V2, nodes, good, 700).awaitEnd(Finished.class);
    for (int i = 0; i < 3; i++) {
      Assertions.assertThat(ChunkBytes.readAll(stores.get(i), chunk, 1 << 16)).isEqualTo(good);
    }
  }
}
