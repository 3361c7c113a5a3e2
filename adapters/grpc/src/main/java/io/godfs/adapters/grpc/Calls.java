package io.godfs.adapters.grpc;

import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.LeaseHolder;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a unary call: bad input and refusals become statuses with a message; an unexpected failure
 * becomes INTERNAL with its message and is logged, never a bare stack trace to the client.
 */
final class Calls {
  private static final Logger LOG = System.getLogger(Calls.class.getName());

  private Calls() {}

  static <T, R> void unary(
      StreamObserver<R> out, Supplier<Outcome<T>> call, Function<T, R> toProto) {
    Outcome<T> outcome;
    try {
      outcome = call.get();
    } catch (RuntimeException e) {
      fail(out, e);
      return;
    }
    answer(out, outcome, toProto);
  }

  /**
   * A unary call whose answer comes later: the handler's thread is free as soon as {@code call}
   * returns, and the answer is sent from the thread that completes the future.
   */
  static <T, R> void unaryAsync(
      StreamObserver<R> out, Supplier<CompletableFuture<Outcome<T>>> call, Function<T, R> toProto) {
    CompletableFuture<Outcome<T>> pending;
    try {
      pending = call.get();
    } catch (RuntimeException e) {
      fail(out, e);
      return;
    }
    pending.whenComplete(
        (outcome, failure) -> {
          if (failure == null) {
            answer(out, outcome, toProto);
          } else {
            Throwable cause =
                failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure;
            fail(out, cause instanceof RuntimeException e ? e : new IllegalStateException(cause));
          }
        });
  }

  private static <T, R> void answer(
      StreamObserver<R> out, Outcome<T> outcome, Function<T, R> toProto) {
    switch (outcome) {
      case Outcome.Ok<T> ok -> {
        R reply;
        try {
          reply = toProto.apply(ok.value());
        } catch (RuntimeException e) {
          fail(out, e);
          return;
        }
        out.onNext(reply);
        out.onCompleted();
      }
      case Outcome.Rejected<T> rejected -> out.onError(StatusMapper.toStatus(rejected.error()));
    }
  }

  private static void fail(StreamObserver<?> out, RuntimeException e) {
    if (e instanceof DfsException dfs) {
      out.onError(StatusMapper.toStatus(dfs.error()));
    } else if (e instanceof IllegalArgumentException) {
      out.onError(StatusMapper.toStatus(DfsError.of(ErrorCode.INVALID_ARGUMENT, e.getMessage())));
    } else {
      // The exception names Java types and internals: it goes to the log under an incident id the
      // caller gets, so an operator can find it without the caller learning the server's insides.
      String incident = Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
      LOG.log(Level.ERROR, "call failed unexpectedly (incident " + incident + ")", e);
      out.onError(
          Status.INTERNAL
              .withDescription(
                  "internal error on the server (incident " + incident + " in its log)")
              .asRuntimeException());
    }
  }

  static DfsPath path(String field, String raw) {
    return switch (DfsPath.parse(raw)) {
      case Outcome.Ok<DfsPath> ok -> ok.value();
      case Outcome.Rejected<DfsPath> r ->
          throw new DfsException(ErrorCode.INVALID_ARGUMENT, field + ": " + r.error().message());
    };
  }

  /** The longest lease holder name a client may send (GodfsClient's are about 80 characters). */
  static final int MAX_WRITER_CHARS = 256;

  /** The longest free text a client may attach to a call, e.g. a bad replica's reason. */
  static final int MAX_TEXT_CHARS = 1024;

  static String required(String field, String value) {
    if (value.isBlank()) {
      throw new DfsException(
          ErrorCode.INVALID_ARGUMENT, field + " : '" + value + "' (expected: not blank)");
    }
    return value;
  }

  /** A lease holder: its name not blank and at most {@link #MAX_WRITER_CHARS} characters. */
  static LeaseHolder.Client writer(String field, String value) {
    return LeaseHolder.client(bounded(field, required(field, value), MAX_WRITER_CHARS));
  }

  /**
   * Refuses a string longer than {@code max} characters, naming the field and the bound, not
   * echoing it.
   */
  static String bounded(String field, String value, int max) {
    if (value.length() > max) {
      throw new DfsException(
          ErrorCode.INVALID_ARGUMENT,
          field + " : " + value.length() + " characters (expected: at most " + max + ")");
    }
    return value;
  }

  /** A file id a client sent: refused, naming the field, unless it is > 0. */
  static FileId fileId(String field, long value) {
    return new FileId(positive(field, value));
  }

  static long positive(String field, long value) {
    if (value <= 0) {
      throw new DfsException(
          ErrorCode.INVALID_ARGUMENT, field + " : " + value + " (expected: > 0)");
    }
    return value;
  }
}
