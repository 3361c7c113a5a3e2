package io.godfs.adapters.grpc.wire;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * A unary call over the metadata wire. It runs when the caller half-closes it, on the caller's
 * thread: the request goes out and the thread waits on the socket for the answer, then hands the
 * answer to the call's listener as gRPC would (through the call's executor: a blocking stub's own
 * thread). The call's deadline bounds the wait; cancelling its context closes the connection.
 */
final class WireClientCall<Q, R> extends ClientCall<Q, R> {
  private final WireEndpoint endpoint;
  private final MethodDescriptor<Q, R> method;
  private final CallOptions options;
  private Listener<R> listener;
  private Metadata headers;
  private byte[] request;
  private volatile WireConnection running;
  private volatile String cancelled;

  WireClientCall(WireEndpoint endpoint, MethodDescriptor<Q, R> method, CallOptions options) {
    this.endpoint = endpoint;
    this.method = method;
    this.options = options;
  }

  @Override
  public void start(Listener<R> listener, Metadata headers) {
    this.listener = listener;
    this.headers = headers;
  }

  @Override
  public void request(int numMessages) {
    // The answer comes whole, once.
  }

  @Override
  public void sendMessage(Q message) {
    request = WireFrames.bytesOf(message, method.getRequestMarshaller(), method);
  }

  @Override
  public void halfClose() {
    Context context = Context.current();
    Context.CancellationListener onCancel = c -> cancel("the call's context was cancelled", null);
    context.addListener(onCancel, Runnable::run);
    try {
      deliver(run());
    } finally {
      context.removeListener(onCancel);
    }
  }

  private WireFrames.Answer run() {
    if (request == null) {
      return failure(Status.INTERNAL.withDescription("a unary call without its request"));
    }
    Deadline deadline = earliest(options.getDeadline(), Context.current().getDeadline());
    // One more try on a new connection when an idle one turns out closed by the server: the call
    // never reached it.
    for (int attempt = 0; ; attempt++) {
      if (cancelled != null) {
        return failure(Status.CANCELLED.withDescription(cancelled));
      }
      long millis = deadline == null ? 0 : deadline.timeRemaining(TimeUnit.MILLISECONDS);
      if (deadline != null && millis <= 0) {
        return failure(Status.DEADLINE_EXCEEDED.withDescription(deadlineMessage()));
      }
      WireConnection connection;
      try {
        connection = endpoint.borrow();
      } catch (IOException e) {
        return failure(unreachable(e));
      }
      running = connection;
      try {
        if (cancelled != null) {
          throw new IOException(cancelled);
        }
        WireFrames.Answer answer =
            connection.exchange(
                method.getFullMethodName(),
                headers,
                request,
                deadline == null
                    ? 0
                    : (System.nanoTime() + deadline.timeRemaining(TimeUnit.NANOSECONDS)) | 1);
        running = null;
        endpoint.release(connection);
        return answer;
      } catch (WireConnection.ClosedByServer e) {
        running = null;
        connection.close();
        if (attempt > 0 || cancelled != null) {
          return failure(unreachable(e));
        }
      } catch (IOException e) {
        running = null;
        connection.close();
        if (cancelled != null) {
          return failure(Status.CANCELLED.withDescription(cancelled));
        }
        if (e instanceof WireConnection.Interrupted) {
          // As gRPC's blocking stub: the call ends CANCELLED, the thread stays interrupted.
          return failure(Status.CANCELLED.withDescription("the calling thread was interrupted"));
        }
        if (e instanceof InterruptedIOException && deadline != null) {
          return failure(Status.DEADLINE_EXCEEDED.withDescription(deadlineMessage()));
        }
        return failure(unreachable(e));
      }
    }
  }

  private String deadlineMessage() {
    return "the master at "
        + endpoint.address()
        + " did not answer "
        + method.getBareMethodName()
        + " within the call's deadline (metadata wire)";
  }

  private Status unreachable(IOException e) {
    return Status.UNAVAILABLE
        .withDescription(
            "the master's metadata wire at " + endpoint.address() + ": " + e.getMessage())
        .withCause(e);
  }

  private static WireFrames.Answer failure(Status status) {
    return new WireFrames.Answer(new Metadata(), null, status, new Metadata());
  }

  private void deliver(WireFrames.Answer answer) {
    Status status = answer.status();
    R message = null;
    if (status.isOk()) {
      if (answer.message() == null) {
        status = Status.INTERNAL.withDescription("no answer to a unary call of " + method);
      } else {
        try {
          message = WireFrames.parse(answer.message(), method.getResponseMarshaller());
        } catch (RuntimeException e) {
          status =
              Status.INTERNAL.withDescription("cannot parse the answer of " + method).withCause(e);
        }
      }
    }
    R parsed = message;
    Status closing = status;
    Executor executor = options.getExecutor();
    Runnable callbacks =
        () -> {
          listener.onHeaders(answer.headers());
          if (parsed != null) {
            listener.onMessage(parsed);
          }
          listener.onClose(closing, answer.trailers());
        };
    if (executor == null) {
      callbacks.run();
    } else {
      executor.execute(callbacks);
    }
  }

  private static Deadline earliest(Deadline a, Deadline b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a.minimum(b);
  }

  @Override
  public void cancel(String message, Throwable cause) {
    cancelled = message == null ? "cancelled" : message;
    WireConnection c = running;
    if (c != null) {
      c.close();
    }
  }

  @Override
  public boolean isReady() {
    return true;
  }
}
