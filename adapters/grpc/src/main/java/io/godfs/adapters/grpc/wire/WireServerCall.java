package io.godfs.adapters.grpc.wire;

import io.grpc.Attributes;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.SecurityLevel;
import io.grpc.ServerCall;
import io.grpc.Status;
import java.io.IOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * One unary call received on the metadata wire, as gRPC's server API sees a call: the service's
 * interceptors and handler run on it unchanged. The handler may answer on the connection's thread
 * or from another (a Raft callback); the connection's thread waits for the answer and writes it, so
 * no other thread ever blocks on a client's socket.
 */
final class WireServerCall<Q, R> extends ServerCall<Q, R> {
  private final MethodDescriptor<Q, R> method;
  private final Attributes attributes;
  private final String authority;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition closed = lock.newCondition();
  private Metadata headers;
  private byte[] message;
  private Status status;
  private Metadata trailers;
  private volatile boolean cancelled;
  private Consumer<Boolean> onEnd = written -> {};

  WireServerCall(MethodDescriptor<Q, R> method, Attributes attributes, String authority) {
    this.method = method;
    this.attributes = attributes;
    this.authority = authority;
  }

  @Override
  public void request(int numMessages) {
    // The one request is delivered by the connection once the call has started.
  }

  @Override
  public void sendHeaders(Metadata headers) {
    lock.lock();
    try {
      this.headers = headers;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void sendMessage(R answer) {
    byte[] bytes = WireFrames.bytesOf(answer, method.getResponseMarshaller(), method);
    lock.lock();
    try {
      if (message != null) {
        throw new IllegalStateException("a unary call answers one message: " + method);
      }
      message = bytes;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void close(Status status, Metadata trailers) {
    lock.lock();
    try {
      if (this.status != null) {
        return;
      }
      this.status = status;
      this.trailers = trailers;
      closed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Whether the handler closed the call within {@code nanos}. */
  boolean awaitClose(long nanos) throws InterruptedException {
    lock.lock();
    try {
      while (status == null) {
        if (nanos <= 0) {
          return false;
        }
        nanos = closed.awaitNanos(nanos);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Writes the answer into {@code frame}; only after {@link #awaitClose} said it is closed. */
  void writeAnswer(WireFrames.FrameBuffer frame) throws IOException {
    lock.lock();
    try {
      // A failed call sends no message, as gRPC drops one sent before a non-OK close.
      WireFrames.writeAnswer(frame, headers, status.isOk() ? message : null, status, trailers);
    } finally {
      lock.unlock();
    }
  }

  /** What to do once the answer is written (true) or could not be (false). */
  void onEnd(Consumer<Boolean> onEnd) {
    this.onEnd = onEnd;
  }

  void end(boolean written) {
    cancelled = !written;
    onEnd.accept(written);
  }

  @Override
  public SecurityLevel getSecurityLevel() {
    return attributes.get(Grpc.TRANSPORT_ATTR_SSL_SESSION) == null
        ? SecurityLevel.NONE
        : SecurityLevel.PRIVACY_AND_INTEGRITY;
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public boolean isReady() {
    return true;
  }

  @Override
  public Attributes getAttributes() {
    return attributes;
  }

  @Override
  public String getAuthority() {
    return authority;
  }

  @Override
  public MethodDescriptor<Q, R> getMethodDescriptor() {
    return method;
  }
}
