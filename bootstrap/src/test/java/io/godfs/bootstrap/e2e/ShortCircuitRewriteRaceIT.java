package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.chunkstorerocksdb.RocksDbChunkStore;
import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcChunkFetcher;
import io.godfs.adapters.grpc.GrpcChunkPipeline;
import io.godfs.adapters.grpc.GrpcChunkService;
import io.godfs.adapters.grpc.GrpcServerHandle;
import io.godfs.application.chunkserver.ChunkserverServices;
import io.godfs.application.port.in.ReceiveChunkUseCase;
import io.godfs.application.port.in.ServeChunkUseCase;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.LocalReplica;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A short-circuit read against a real RocksDB chunk store behind a real gRPC chunk service. The
 * client opens the replica's file by name after the chunkserver answered with its CRCs; a rewrite
 * committed in between renames its copy over that name. Here the rewrite lands exactly in that
 * window (the chunkserver commits it right after reading its answer), so the client's first piece
 * pairs the new bytes with the old CRCs. That is no corruption: read again through the chunkserver,
 * the replica says it changed version. A replica whose bytes really rotted still fails there.
 */
class ShortCircuitRewriteRaceIT {
  private static final ChunkId CHUNK = new ChunkId(7);
  private static final ChunkVersion V1 = ChunkVersion.FIRST;
  private static final ChunkVersion V2 = new ChunkVersion(2);
  private static final int LENGTH = 3 << 20;

  @TempDir Path dir;
  private RocksDbChunkStore store;
  private GrpcServerHandle server;
  private final ChannelPool channels = new ChannelPool();
  private NodeLocation node;
  private volatile boolean rewriteAfterAnswer;

  @BeforeEach
  void start() {
    store = RocksDbChunkStore.open(dir.resolve("cs"), 1L << 30);
    Chunkserver chunkserver = new Chunkserver();
    server =
        GrpcServerHandle.start(
            "127.0.0.1", 0, List.of(new GrpcChunkService(chunkserver, chunkserver)));
    node = new NodeLocation(new NodeId("cs-1"), new NodeAddress("127.0.0.1", server.port()));
    chunkserver.services =
        ChunkserverServices.create(store, new GrpcChunkPipeline(channels), node, System::nanoTime);
    commit(V1, (byte) 1);
  }

  @AfterEach
  void stop() {
    try {
      channels.close();
    } finally {
      try {
        server.close();
      } finally {
        store.close();
      }
    }
  }

  private void commit(ChunkVersion version, byte fill) {
    byte[] bytes = new byte[LENGTH];
    Arrays.fill(bytes, fill);
    try (ChunkWriter writer = store.openWriter(CHUNK, version)) {
      writer.write(ChunkPiece.of(0, ByteBuffer.wrap(bytes)));
      writer.commit();
    }
  }

  private PieceIterator shortCircuitRead() {
    return new GrpcChunkFetcher(channels, Duration.ofSeconds(30), true)
        .fetch(node, CHUNK, V1, 0, LENGTH);
  }

  @Test
  void aRewriteBetweenTheAnswerAndTheOpenIsAConflictNotCorruption() {
    rewriteAfterAnswer = true;
    try (PieceIterator pieces = shortCircuitRead()) {
      ChunkPiece first = pieces.next();
      // The race happened: the v2 bytes under the v1 CRCs the chunkserver answered with.
      assertThat(first.data().get(first.data().position())).isEqualTo((byte) 2);
      assertThat(first.verify()).isFalse();

      assertThatThrownBy(() -> pieces.reread(first))
          .isInstanceOfSatisfying(
              DfsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFLICT))
          .hasMessageContaining("holds " + V2);
    }
  }

  @Test
  void withoutARaceEveryPieceVerifiesAndTheWholeChunkIsRead() {
    long read = 0;
    try (PieceIterator pieces = shortCircuitRead()) {
      for (ChunkPiece piece = pieces.next(); piece != null; piece = pieces.next()) {
        assertThat(piece.verify()).isTrue();
        read += piece.length();
      }
    }
    assertThat(read).isEqualTo(LENGTH);
  }

  @Test
  void bytesThatRottedOnDiskFailAgainWhenReadThroughTheChunkserver() throws IOException {
    Path file = Path.of(store.localReplica(CHUNK).path());
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(new byte[] {9, 9, 9}), 100);
    }
    try (PieceIterator pieces = shortCircuitRead()) {
      ChunkPiece first = pieces.next();
      assertThat(first.verify()).isFalse();

      ChunkPiece again = pieces.reread(first);

      assertThat(again).isNotNull();
      assertThat(again.offset()).isZero();
      assertThat(again.verify()).isFalse();
      assertThat(again.firstBadBlockOffset()).isZero();
    }
  }

  /** The chunkserver's use cases; its short-circuit answer can let a rewrite commit right after. */
  private final class Chunkserver implements ReceiveChunkUseCase, ServeChunkUseCase {
    volatile ChunkserverServices services;

    @Override
    public PipelineStream receive(PipelineHeader header, PipelineListener upstream) {
      return services.receive().receive(header, upstream);
    }

    @Override
    public Outcome<PieceIterator> read(
        ChunkId chunk, ChunkVersion minVersion, long offset, long length) {
      return services.serve().read(chunk, minVersion, offset, length);
    }

    @Override
    public Outcome<LocalReplica> local(ChunkId chunk, ChunkVersion minVersion) {
      Outcome<LocalReplica> answer = services.serve().local(chunk, minVersion);
      if (rewriteAfterAnswer) {
        commit(V2, (byte) 2); // a copy-on-write rewrite: its copy is renamed over the file
      }
      return answer;
    }
  }
}
