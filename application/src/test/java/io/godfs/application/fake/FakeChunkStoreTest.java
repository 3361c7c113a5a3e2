package io.godfs.application.fake;

import io.godfs.application.contract.ChunkStoreContract;
import io.godfs.application.port.out.ChunkStore;
import java.nio.file.Path;

/** The fake must keep the same contract as the real store, or service tests prove nothing. */
class FakeChunkStoreTest extends ChunkStoreContract {

  @Override
  protected ChunkStore newStore(Path dir) {
    return new FakeChunkStore(1L << 30);
  }

  @Override
  protected ChunkStore reopen(ChunkStore closed, Path dir) {
    return ((FakeChunkStore) closed).reopen();
  }
}
