package io.godfs.adapters.grpc;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The network buffers a received piece lies in (a detached gRPC message), shared by whoever still
 * reads them: the handler storing the piece, and each copy of it being forwarded. The last to let
 * go releases them to gRPC's pool, so none of them can read memory that is already reused.
 */
final class HeldBuffers {
  /**
   * Messages held now and ever in this process (tests read them: no leak, and the path is used).
   */
  static final AtomicLong LIVE = new AtomicLong();

  static final AtomicLong EVER = new AtomicLong();

  private final InputStream message;
  private final AtomicInteger users = new AtomicInteger(1);

  HeldBuffers(InputStream message) {
    this.message = message;
    LIVE.incrementAndGet();
    EVER.incrementAndGet();
  }

  /** One more user; it must {@link #release} once. */
  HeldBuffers retain() {
    if (users.getAndIncrement() <= 0) {
      throw new IllegalStateException("buffers already released");
    }
    return this;
  }

  void release() {
    if (users.decrementAndGet() == 0) {
      close(message);
      LIVE.decrementAndGet();
    }
  }

  static void close(InputStream message) {
    try {
      message.close();
    } catch (IOException e) {
      // Closing gives reference counts back; it does no I/O that could fail.
    }
  }
}
