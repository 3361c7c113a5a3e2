package io.godfs.adapters.grpc;

import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs a unary call: bad input and refusals become statuses with a message; an unexpected failure
 * becomes INTERNAL with its message and is logged, never a bare stack trace to the client.
 */
final class Calls {
  private static final Logger LOG = System.getLogger(Calls.class.getName());

  private Calls() {}

  static <T, R> void unary(StreamObserver<R> out, Supplier<Outcome<T>> call, Function<T, R> toProto) {
    try {
      switch (call.get()) {
        case Outcome.Ok<T> ok -> {
          out.onNext(toProto.apply(ok.value()));
          out.onCompleted();
        }
        case Outcome.Rejected<T> rejected -> out.onError(StatusMapper.toStatus(rejected.error()));
      }
    } catch (DfsException e) {
      out.onError(StatusMapper.toStatus(e.error()));
    } catch (IllegalArgumentException e) {
      out.onError(StatusMapper.toStatus(DfsError.of(ErrorCode.INVALID_ARGUMENT, e.getMessage())));
    } catch (RuntimeException e) {
      LOG.log(Level.ERROR, "call failed unexpectedly", e);
      out.onError(Status.INTERNAL.withDescription("internal error: " + e).asRuntimeException());
    }
  }

  static DfsPath path(String field, String raw) {
    return switch (DfsPath.parse(raw)) {
      case Outcome.Ok<DfsPath> ok -> ok.value();
      case Outcome.Rejected<DfsPath> r -> throw new DfsException(ErrorCode.INVALID_ARGUMENT, field + ": " + r.error().message());
    };
  }

  static String required(String field, String value) {
    if (value.isBlank()) {
      throw new DfsException(ErrorCode.INVALID_ARGUMENT, field + " : '" + value + "' (expected: not blank)");
    }
    return value;
  }

  static long positive(String field, long value) {
    if (value <= 0) {
      throw new DfsException(ErrorCode.INVALID_ARGUMENT, field + " : " + value + " (expected: > 0)");
    }
    return value;
  }
}
