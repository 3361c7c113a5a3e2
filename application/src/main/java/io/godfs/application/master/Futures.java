package io.godfs.application.master;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Waiting for an asynchronous answer in synchronous code, with the failure it would have thrown.
 */
final class Futures {
  private Futures() {}

  /**
   * The future's value; its failure is rethrown as it is (a {@code DfsException} stays one). The
   * wait is bounded by whoever completes the future (a store times out its own writes).
   */
  static <T> T await(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
