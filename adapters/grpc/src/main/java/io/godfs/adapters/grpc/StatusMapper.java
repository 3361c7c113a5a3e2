package io.godfs.adapters.grpc;

import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;

/**
 * Translates between goDFS errors and gRPC statuses. The status code is the closest standard one
 * (so generic gRPC tooling does the right thing) and the exact {@link ErrorCode} travels in the
 * {@code godfs-error} trailer, so a Java client gets back precisely what the server refused.
 */
public final class StatusMapper {
  static final Metadata.Key<String> ERROR_CODE =
      Metadata.Key.of("godfs-error", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> FAILED_NODE =
      Metadata.Key.of("godfs-failed-node", Metadata.ASCII_STRING_MARSHALLER);

  private StatusMapper() {}

  public static StatusRuntimeException toStatus(DfsError error) {
    return toStatus(error, null);
  }

  static StatusRuntimeException toStatus(DfsError error, NodeLocation failedNode) {
    Metadata trailers = new Metadata();
    trailers.put(ERROR_CODE, error.code().name());
    if (failedNode != null) {
      trailers.put(FAILED_NODE, failedNode.id() + "@" + failedNode.address());
    }
    return statusOf(error.code()).withDescription(error.message()).asRuntimeException(trailers);
  }

  static Status statusOf(ErrorCode code) {
    return switch (code) {
      case NOT_FOUND -> Status.NOT_FOUND;
      case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
      case NOT_A_DIRECTORY, IS_A_DIRECTORY, NOT_EMPTY -> Status.FAILED_PRECONDITION;
      case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
      case CONFLICT -> Status.ABORTED;
      case BUSY ->
          Status.FAILED_PRECONDITION; // the trailer keeps it apart from the other preconditions
      case NO_CAPACITY -> Status.RESOURCE_EXHAUSTED;
      case UNAVAILABLE -> Status.UNAVAILABLE;
      case CORRUPT -> Status.DATA_LOSS;
      case NOT_LEADER ->
          Status.UNAVAILABLE; // the trailer keeps it apart: the client follows the leader
      case PERMISSION_DENIED -> Status.PERMISSION_DENIED;
      case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
      case READ_ONLY -> Status.FAILED_PRECONDITION; // the trailer names it
      case QUOTA_EXCEEDED -> Status.RESOURCE_EXHAUSTED; // the trailer keeps it apart
      case NO_ATTRIBUTE -> Status.NOT_FOUND; // the trailer keeps it apart from a missing path
      case UNSUPPORTED -> Status.UNIMPLEMENTED;
      case TOO_LARGE -> Status.OUT_OF_RANGE;
      case TOO_MANY_LINKS -> Status.RESOURCE_EXHAUSTED; // the trailer keeps it apart
      case NOT_PERMITTED -> Status.FAILED_PRECONDITION; // the trailer names it
    };
  }

  /**
   * The goDFS error behind a failed call; transport failures become UNAVAILABLE naming {@code
   * peer}.
   */
  public static DfsError toError(Throwable t, String peer) {
    Status status = Status.fromThrowable(t);
    Metadata trailers = Status.trailersFromThrowable(t);
    String code = trailers == null ? null : trailers.get(ERROR_CODE);
    if (code != null) {
      try {
        return DfsError.of(
            ErrorCode.valueOf(code),
            status.getDescription() == null ? code : status.getDescription());
      } catch (IllegalArgumentException unknownCode) {
        // A newer server's code: fall through to the status mapping below.
      }
    }
    String detail =
        status.getDescription() != null
            ? status.getDescription()
            : status.getCause() != null ? status.getCause().getMessage() : status.getCode().name();
    ErrorCode mapped =
        switch (status.getCode()) {
          case NOT_FOUND -> ErrorCode.NOT_FOUND;
          case ALREADY_EXISTS -> ErrorCode.ALREADY_EXISTS;
          case INVALID_ARGUMENT, OUT_OF_RANGE -> ErrorCode.INVALID_ARGUMENT;
          case ABORTED -> ErrorCode.CONFLICT;
          case RESOURCE_EXHAUSTED -> ErrorCode.NO_CAPACITY;
          case DATA_LOSS -> ErrorCode.CORRUPT;
          case PERMISSION_DENIED -> ErrorCode.PERMISSION_DENIED;
          case UNAUTHENTICATED -> ErrorCode.UNAUTHENTICATED;
          default -> ErrorCode.UNAVAILABLE;
        };
    if (mapped == ErrorCode.UNAVAILABLE) {
      return DfsError.of(
          mapped, "cannot reach " + peer + " (" + status.getCode() + ": " + detail + ")");
    }
    return DfsError.of(mapped, detail);
  }

  public static DfsException toException(Throwable t, String peer) {
    return new DfsException(toError(t, peer), t);
  }

  /** The node a pipeline failure names, if the trailer carries one. */
  static NodeLocation failedNode(Throwable t) {
    Metadata trailers = Status.trailersFromThrowable(t);
    String value = trailers == null ? null : trailers.get(FAILED_NODE);
    if (value == null) {
      return null;
    }
    int at = value.indexOf('@');
    try {
      return new NodeLocation(
          new NodeId(value.substring(0, at)), NodeAddress.parse(value.substring(at + 1)));
    } catch (RuntimeException malformed) {
      return null;
    }
  }
}
