package io.godfs.adapters.grpc;

import io.godfs.api.v1.ChunkData;
import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A received piece on its way to the next replica, written from the network buffers it arrived in
 * ({@link PieceMessage}). gRPC may keep the message and write it later, or more than once: while
 * the call is connecting, or buffered for a transparent retry until the call commits. So the
 * buffers are held for as long as gRPC can still reach this object: they are let go when the next
 * replica acks the piece (the call has committed and the piece is across, nothing can write it
 * again) or, when that never comes, once the object is collected.
 */
final class HeldForward {
  private static final Cleaner CLEANER = Cleaner.create();

  private final ChunkData fields;
  private final ByteBuffer[] parts;
  private final Release release;

  /** Lets go of the buffers once, whichever comes first: the ack or the collection. */
  private record Release(HeldBuffers buffers, AtomicBoolean done) implements Runnable {
    @Override
    public void run() {
      if (done.compareAndSet(false, true)) {
        buffers.release();
      }
    }
  }

  /**
   * @param buffers retained for this forward; released by it
   */
  HeldForward(ChunkData fields, ByteBuffer[] parts, HeldBuffers buffers) {
    this.fields = fields;
    this.parts = parts;
    this.release = new Release(buffers, new AtomicBoolean());
    CLEANER.register(this, release);
  }

  long seq() {
    return fields.getSeq();
  }

  /** The message as gRPC writes it (it holds this forward until drained). */
  PieceMessage message() {
    return PieceMessage.forward(fields, parts, this);
  }

  /** The next replica has the piece: nothing will write it again. */
  void acked() {
    release.run();
  }
}
