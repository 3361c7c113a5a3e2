package io.godfs.application.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.port.out.ChunkStore;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import java.nio.file.Path;
import org.assertj.core.api.AbstractThrowableAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * What every chunk store contract test needs: a fresh store per test in a temporary directory, and
 * a restart that closes it and reopens the same data. Implementations extend {@link
 * ChunkStoreContract}, not this class.
 */
public abstract class ChunkStoreFixture {
  protected static final int BLOCK = ChunkLayout.BLOCK_SIZE;
  protected static final ChunkVersion V1 = ChunkVersion.FIRST;
  protected static final ChunkVersion V2 = V1.next();

  @TempDir protected Path dir;
  protected ChunkStore store;

  /** A new, empty store keeping its data under {@code dir}. */
  protected abstract ChunkStore newStore(Path dir);

  /**
   * The store a restart gives: {@code closed} (already closed, possibly with writers still open, as
   * after a crash) kept its data under {@code dir}. Committed chunks must be back; uncommitted
   * writes must not.
   */
  protected abstract ChunkStore reopen(ChunkStore closed, Path dir);

  @BeforeEach
  final void openStore() {
    store = newStore(dir);
  }

  @AfterEach
  final void closeStore() {
    store.close();
  }

  /** Closes the store and replaces it with the one {@link #reopen} gives. */
  protected final void restart() {
    store.close();
    store = reopen(store, dir);
  }

  protected static ChunkId id(long value) {
    return new ChunkId(value);
  }

  protected static void assertNotFound(ThrowingCallable call) {
    assertRefused(ErrorCode.NOT_FOUND, call);
  }

  /** Asserts that {@code call} throws a {@link DfsException} with {@code code}. */
  protected static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(
      ErrorCode code, ThrowingCallable call) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(DfsException.class, e -> assertThat(e.code()).isEqualTo(code));
  }
}
