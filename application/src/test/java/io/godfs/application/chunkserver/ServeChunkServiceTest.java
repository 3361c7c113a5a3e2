package io.godfs.application.chunkserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.FakeChunkStore;
import io.godfs.application.port.out.ChunkReader;
import io.godfs.application.port.out.ChunkStore;
import io.godfs.application.port.out.ChunkWriter;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.LocalReplica;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.node.NodeId;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Readers get exactly the version they ask for (ADR 0003: the master's committed one; a newer
 * replica holds a write that was never acknowledged), even when a commit lands while they open.
 */
class ServeChunkServiceTest {
  static final ChunkId CHUNK = new ChunkId(9);
  static final ChunkVersion V2 = ChunkVersion.FIRST.next();

  static void write(ChunkStore store, ChunkVersion version, byte fill) {
    byte[] b = new byte[4096];
    Arrays.fill(b, fill);
    try (ChunkWriter w = store.openWriter(CHUNK, version)) {
      w.write(ChunkPiece.of(0, ByteBuffer.wrap(b)));
      w.commit();
    }
  }

  /**
   * Commits version 2 of the chunk just before the first reader opens (between describe and open).
   */
  static final class CommitWhileOpening implements ChunkStore {
    final FakeChunkStore delegate = new FakeChunkStore();
    boolean committed;
    int openReaders;

    @Override
    public ChunkReader openReader(ChunkId id) {
      if (!committed) {
        committed = true;
        write(delegate, V2, (byte) 2);
      }
      ChunkReader reader = delegate.openReader(id);
      openReaders++;
      return new ChunkReader() {
        @Override
        public StoredChunk chunk() {
          return reader.chunk();
        }

        @Override
        public ChunkPiece read(long offset, int maxBytes) {
          return reader.read(offset, maxBytes);
        }

        @Override
        public void close() {
          openReaders--;
          reader.close();
        }
      };
    }

    @Override
    public ChunkWriter openWriter(ChunkId id, ChunkVersion version) {
      return delegate.openWriter(id, version);
    }

    @Override
    public Optional<StoredChunk> describe(ChunkId id) {
      return delegate.describe(id);
    }

    @Override
    public LocalReplica localReplica(ChunkId id) {
      return delegate.localReplica(id);
    }

    @Override
    public boolean delete(ChunkId id) {
      return delegate.delete(id);
    }

    @Override
    public List<StoredChunk> list() {
      return delegate.list();
    }

    @Override
    public StoreUsage usage() {
      return delegate.usage();
    }

    @Override
    public void close() {
      delegate.close();
    }
  }

  @Test
  void aCommitBetweenTheVersionCheckAndTheOpenIsNotServed() {
    CommitWhileOpening store = new CommitWhileOpening();
    write(store.delegate, ChunkVersion.FIRST, (byte) 1);
    var service = new ServeChunkService(store, new NodeId("cs-1"));

    Outcome<PieceIterator> out = service.read(CHUNK, ChunkVersion.FIRST, 0, 4096);

    // Version 1 is gone from this replica once version 2 is committed over it: the reader is
    // refused
    // (and goes to another replica) rather than served bytes of a write nobody acknowledged.
    assertThat(out)
        .isInstanceOfSatisfying(
            Outcome.Rejected.class,
            r -> {
              assertThat(r.error().code()).isEqualTo(ErrorCode.CONFLICT);
              assertThat(r.error().message()).contains(CHUNK.toString(), V2.toString());
            });
    assertThat(store.openReaders).as("readers left open by the refused read").isZero();
  }
}
