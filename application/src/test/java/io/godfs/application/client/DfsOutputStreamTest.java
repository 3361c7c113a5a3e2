package io.godfs.application.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.fake.RecordingClientIoMeter;
import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.application.port.out.ClientIoMeter.Operation;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The client's writer over a fake master and a pipeline that acknowledges at once. */
class DfsOutputStreamTest {
  static final long CHUNK = 2L * ChunkLayout.BLOCK_SIZE;
  static final DfsPath PATH = DfsPath.of("/f");
  static final NodeLocation NODE =
      new NodeLocation(new NodeId("cs-1"), new NodeAddress("127.0.0.1", 8000));

  /** Grants chunks below {@code refuseFrom}; records commits (index, length). */
  static final class Master extends UnusedMasterClient {
    final int refuseFrom;
    final List<long[]> commits = new ArrayList<>();
    volatile boolean closedFile;

    Master(int refuseFrom) {
      this.refuseFrom = refuseFrom;
    }

    @Override
    public void closeFile(FileId fileId, LeaseHolder.Client writer) {
      closedFile = true;
    }

    @Override
    public Duration renewLease(LeaseHolder.Client writer) {
      return Duration.ofSeconds(60);
    }

    @Override
    public ChunkWriteTarget allocateChunk(ChunkAllocationRequest request, LeaseHolder writer) {
      int index = request.index();
      if (index >= refuseFrom) {
        throw new DfsException(ErrorCode.NO_CAPACITY, "no room for chunk " + index);
      }
      return new ChunkWriteTarget(
          new ChunkId(index + 1), ChunkVersion.FIRST, CHUNK, List.of(NODE), 0);
    }

    @Override
    public long commitChunk(ChunkCommitRequest commit, LeaseHolder writer) {
      commits.add(new long[] {commit.index(), commit.chunkLength()});
      return (long) commit.index() * CHUNK + commit.chunkLength();
    }
  }

  /** Acks every piece and finishes with the highest end written, as one healthy replica would. */
  static final class InstantPipeline implements ChunkPipeline {
    final List<Long> pieceSizes = new ArrayList<>();
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public PipelineStream open(
        NodeLocation target, PipelineHeader header, PipelineListener listener) {
      return new PipelineStream() {
        long end;

        @Override
        public void send(long seq, ChunkPiece piece) {
          pieceSizes.add((long) piece.length());
          assertThat(piece.verify()).isTrue();
          byte[] b = new byte[piece.length()];
          piece.data().duplicate().get(b);
          bytes.writeBytes(b); // pieces come in order here: one stream, one replica
          end = Math.max(end, piece.end());
          listener.acked(seq);
        }

        @Override
        public void finish(long seq) {
          listener.finished(seq, end);
        }

        @Override
        public void cancel(String reason) {}
      };
    }
  }

  static OutputStream stream(Master master, InstantPipeline pipeline) {
    LeaseRenewer lease = new LeaseRenewer(master, LeaseHolder.client("test-writer"));
    lease.opened(new FileId(1));
    return new DfsOutputStream(
        master, pipeline, ClientSettings.DEFAULTS, PATH, new FileId(1), CHUNK, 0, lease);
  }

  @Test
  void smallWritesOfAnySizeMakeTheSamePiecesAndBytesAsOneLargeWrite() throws Exception {
    byte[] data = new byte[(int) (2 * CHUNK + 12_345)];
    new Random(26).nextBytes(data);
    InstantPipeline whole = new InstantPipeline();
    try (OutputStream out = stream(new Master(Integer.MAX_VALUE), whole)) {
      out.write(data);
    }
    Random sizes = new Random(27);
    InstantPipeline small = new InstantPipeline();
    try (OutputStream out = stream(new Master(Integer.MAX_VALUE), small)) {
      for (int at = 0; at < data.length; ) {
        // From single bytes to writes larger than a first buffer: every growth step is crossed.
        int n = Math.min(data.length - at, 1 + sizes.nextInt(sizes.nextBoolean() ? 50 : 300_000));
        out.write(data, at, n);
        at += n;
      }
    }
    assertThat(small.pieceSizes).isEqualTo(whole.pieceSizes);
    assertThat(small.bytes.toByteArray()).isEqualTo(data);
    assertThat(whole.bytes.toByteArray()).isEqualTo(data);
  }

  @Test
  void bytesAreCutAtChunkBoundariesAndEveryChunkIsCommittedInOrder() throws Exception {
    Master master = new Master(Integer.MAX_VALUE);
    InstantPipeline pipeline = new InstantPipeline();
    try (OutputStream out = stream(master, pipeline)) {
      out.write(new byte[(int) (5 * CHUNK / 2)]);
    }
    assertThat(master.commits).extracting(c -> c[0]).containsExactly(0L, 1L, 2L);
    assertThat(master.commits).extracting(c -> c[1]).containsExactly(CHUNK, CHUNK, CHUNK / 2);
    assertThat(pipeline.pieceSizes).allMatch(n -> n <= ChunkLayout.MAX_MESSAGE_BYTES);
  }

  @Test
  void theBytesSentAndTheStreamsOutcomeAreCounted() throws Exception {
    RecordingClientIoMeter meter = new RecordingClientIoMeter();
    Master master = new Master(2); // chunk 2 cannot be placed
    LeaseRenewer lease = new LeaseRenewer(master, LeaseHolder.client("test-writer"));
    lease.opened(new FileId(1));
    try (OutputStream out =
        new DfsOutputStream(
            master,
            new InstantPipeline(),
            null,
            ClientSettings.DEFAULTS,
            PATH,
            new FileId(1),
            CHUNK,
            0,
            lease,
            0,
            false,
            null,
            meter,
            new StreamBuffers(1))) {
      out.write(new byte[(int) (3 * CHUNK / 2)]);
    }
    assertThat(meter.written).hasValue(3 * CHUNK / 2);
    assertThat(meter.outcomes(Operation.WRITE, "ok")).isEqualTo(1);

    lease.opened(new FileId(1));
    OutputStream failing =
        new DfsOutputStream(
            master,
            new InstantPipeline(),
            null,
            ClientSettings.DEFAULTS,
            PATH,
            new FileId(1),
            CHUNK,
            0,
            lease,
            0,
            false,
            null,
            meter,
            new StreamBuffers(1));
    assertThatThrownBy(() -> failing.write(new byte[(int) (3 * CHUNK)]))
        .hasMessageContaining("no room for chunk 2");
    assertThatThrownBy(failing::close).hasMessageContaining("failed earlier");
    assertThat(meter.outcomes(Operation.WRITE, "no_capacity")).isEqualTo(1);
    assertThat(meter.outcomes(Operation.WRITE, "ok")).isEqualTo(1);
  }

  @Test
  void afterAFailedWriteTheStreamRefusesMoreBytesAndCloseFailsSoNoHoleIsCommitted()
      throws Exception {
    Master master = new Master(1); // chunk 1 cannot be placed
    OutputStream out = stream(master, new InstantPipeline());
    out.write(new byte[(int) CHUNK]); // chunk 0 fills and starts finishing
    assertThatThrownBy(() -> out.write(new byte[(int) CHUNK]))
        .hasMessageContaining("no room for chunk 1");
    assertThatThrownBy(() -> out.write(new byte[10])).hasMessageContaining("failed earlier");
    assertThatThrownBy(out::close).hasMessageContaining("failed earlier");
    assertThat(master.commits).extracting(c -> c[0]).doesNotContain(1L, 2L);
  }
}
