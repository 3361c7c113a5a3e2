package io.godfs.application.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A streaming write fills the same few 1 MiB buffers again, and never one whose piece a replica has
 * not acknowledged yet (a rebuilt pipeline would resend it).
 */
class WriteBufferReuseTest {
  static final long CHUNK = 8L << 20;
  static final int LAG = 4;
  static final NodeLocation NODE =
      new NodeLocation(new NodeId("cs-1"), new NodeAddress("127.0.0.1", 8000));

  static final class Master extends UnusedMasterClient {
    @Override
    public Duration renewLease(LeaseHolder.Client writer) {
      return Duration.ofSeconds(60);
    }

    @Override
    public void closeFile(FileId fileId, LeaseHolder.Client writer) {}

    @Override
    public ChunkWriteTarget allocateChunk(ChunkAllocationRequest request, LeaseHolder writer) {
      return new ChunkWriteTarget(
          new ChunkId(request.index() + 1), ChunkVersion.FIRST, CHUNK, List.of(NODE), 0);
    }

    @Override
    public long commitChunk(ChunkCommitRequest commit, LeaseHolder writer) {
      return (long) commit.index() * CHUNK + commit.chunkLength();
    }
  }

  /**
   * A replica that acknowledges each piece only after {@link #LAG} later ones arrived, checking
   * then that the piece still holds the bytes it was sent with (its CRCs were taken at send).
   */
  static final class LaggingPipeline implements ChunkPipeline {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final Set<byte[]> arrays = Collections.newSetFromMap(new IdentityHashMap<>());
    int pieces;
    int changedBeforeAck;

    @Override
    public PipelineStream open(
        NodeLocation target, PipelineHeader header, PipelineListener listener) {
      return new PipelineStream() {
        final ArrayDeque<long[]> held = new ArrayDeque<>();
        final ArrayDeque<ChunkPiece> heldPieces = new ArrayDeque<>();
        long end;

        @Override
        public void send(long seq, ChunkPiece piece) {
          pieces++;
          arrays.add(piece.data().array());
          byte[] b = new byte[piece.length()];
          piece.data().duplicate().get(b);
          bytes.writeBytes(b);
          end = Math.max(end, piece.end());
          held.addLast(new long[] {seq});
          heldPieces.addLast(piece);
          if (held.size() > LAG) {
            ackOldest();
          }
        }

        private void ackOldest() {
          if (!heldPieces.pollFirst().verify()) {
            changedBeforeAck++;
          }
          listener.acked(held.pollFirst()[0]);
        }

        @Override
        public void finish(long seq) {
          while (!held.isEmpty()) {
            ackOldest();
          }
          listener.finished(seq, end);
        }

        @Override
        public void cancel(String reason) {}
      };
    }
  }

  @Test
  void aStreamingWriteFillsAFewBuffersAgainAndNeverOneStillUnacknowledged() throws Exception {
    byte[] data = new byte[40 << 20];
    new Random(41).nextBytes(data);
    Master master = new Master();
    LaggingPipeline pipeline = new LaggingPipeline();
    LeaseRenewer lease = new LeaseRenewer(master, LeaseHolder.client("test-writer"));
    lease.opened(new FileId(1));
    try (OutputStream out =
        new DfsOutputStream(
            master,
            pipeline,
            ClientSettings.DEFAULTS,
            DfsPath.of("/f"),
            new FileId(1),
            CHUNK,
            0,
            lease)) {
      for (int at = 0; at < data.length; at += 64 * 1024) {
        out.write(data, at, 64 * 1024);
      }
    }
    assertThat(pipeline.bytes.toByteArray()).isEqualTo(data);
    assertThat(pipeline.pieces).isEqualTo(40);
    assertThat(pipeline.changedBeforeAck).as("pieces refilled before their ack").isZero();
    assertThat(pipeline.arrays.size())
        .as("distinct buffers for 40 pieces, at most %d unacknowledged at once", LAG + 1)
        .isBetween(2, LAG + 3);
  }
}
