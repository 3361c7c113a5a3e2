package io.godfs.adapters.grpc;

import io.grpc.Detachable;
import io.grpc.HasByteBuffer;
import io.grpc.KnownLength;
import io.grpc.Status;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Parses a received data message over the network buffers it arrived in ({@link Detachable}), so
 * that its bytes are never copied out of them; whoever takes the message then holds those buffers
 * ({@link HeldBuffers}) until it is done with the bytes. A message too small to be worth it, not in
 * such buffers, or of a shape the wire parser does not read goes to protobuf's parser instead.
 */
final class HeldMessages {
  /** Below this a copy costs less than holding the buffers. */
  static final int HOLD_FROM = 64 * 1024;

  private HeldMessages() {}

  /**
   * @param wire reads the message's fields from its buffers, the bytes as views; null when it
   *     cannot
   * @param held makes the message from what {@code wire} read and the buffers, now its to release
   * @param copying parses a message that is not held
   */
  static <T, P> T parse(
      InputStream stream,
      Function<List<ByteBuffer>, P> wire,
      BiFunction<P, HeldBuffers, T> held,
      Function<InputStream, T> copying) {
    if (!holdable(stream)) {
      return copying.apply(stream);
    }
    InputStream detached = ((Detachable) stream).detach();
    boolean kept = false;
    try {
      if (!holdable(detached) || !detached.markSupported()) {
        return copying.apply(detached);
      }
      // Marked, the stream keeps the buffers it has moved past until it is closed.
      detached.mark(detached.available());
      List<ByteBuffer> buffers = new ArrayList<>();
      while (detached.available() > 0) {
        ByteBuffer buffer = ((HasByteBuffer) detached).getByteBuffer();
        if (buffer == null || !buffer.hasRemaining()) {
          break;
        }
        buffers.add(buffer);
        detached.skip(buffer.remaining());
      }
      P parsed = detached.available() == 0 ? wire.apply(buffers) : null;
      if (parsed == null) {
        detached.reset();
        return copying.apply(detached);
      }
      T message = held.apply(parsed, new HeldBuffers(detached));
      kept = true;
      return message;
    } catch (IOException e) {
      throw Status.INTERNAL
          .withDescription("cannot read message: " + e.getMessage())
          .withCause(e)
          .asRuntimeException();
    } finally {
      if (!kept) {
        HeldBuffers.close(detached);
      }
    }
  }

  private static boolean holdable(InputStream stream) {
    try {
      return stream instanceof Detachable
          && stream instanceof KnownLength
          && stream instanceof HasByteBuffer buffers
          && buffers.byteBufferSupported()
          && stream.available() >= HOLD_FROM;
    } catch (IOException e) {
      return false;
    }
  }
}
