package io.godfs.adapters.fuse;

import io.godfs.application.port.in.DfsIOException;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The one place where failures become errno values (positive numbers; callbacks return them
 * negated). A goDFS refusal maps by its {@link ErrorCode}; where the same code means different
 * things to a program, the kind of operation decides (see docs/adr/0008-fuse-mount.md).
 */
final class ErrnoMapper {
  /** What was being done when the failure happened. */
  enum Operation {
    /**
     * A namespace call to the master (stat, list, create, rename ...): a retry may well succeed.
     */
    NAMESPACE,
    /** Moving file bytes: a program cannot retry a half-done read or write, so it gets EIO. */
    DATA
  }

  private ErrnoMapper() {}

  static int errno(ErrorCode code, Operation operation) {
    return switch (code) {
      case NOT_FOUND -> Errno.ENOENT;
      case ALREADY_EXISTS -> Errno.EEXIST;
      case NOT_A_DIRECTORY -> Errno.ENOTDIR;
      case IS_A_DIRECTORY -> Errno.EISDIR;
      case NOT_EMPTY -> Errno.ENOTEMPTY;
      case INVALID_ARGUMENT -> Errno.EINVAL;
      // Another client holds the file's write lease, or the file was replaced under a writer.
      case CONFLICT, BUSY -> Errno.EBUSY;
      case NO_CAPACITY -> Errno.ENOSPC;
      case UNAVAILABLE, NOT_LEADER -> operation == Operation.NAMESPACE ? Errno.EAGAIN : Errno.EIO;
      case CORRUPT -> Errno.EIO;
      // What the mount's credential may not do: a program sees what a local file's mode gives.
      case PERMISSION_DENIED, UNAUTHENTICATED -> Errno.EACCES;
      // A path in a snapshot.
      case READ_ONLY -> Errno.EROFS;
      case QUOTA_EXCEEDED -> Errno.EDQUOT;
      // Extended attributes (ADR 0028), as Linux file systems answer.
      case NO_ATTRIBUTE -> Errno.ENODATA;
      case UNSUPPORTED -> Errno.EOPNOTSUPP;
      case TOO_LARGE -> Errno.E2BIG;
      case TOO_MANY_LINKS -> Errno.EMLINK;
      case NOT_PERMITTED -> Errno.EPERM;
    };
  }

  /** The errno for anything thrown by a callback's work; unknown failures are EIO. */
  static int errno(Throwable t, Operation operation) {
    return switch (t) {
      case FuseErrnoException e -> e.errno();
      case DfsException e -> errno(e.code(), operation);
      case DfsIOException e -> errno(e.error().code(), operation);
      case UncheckedIOException e -> errno(e.getCause(), operation);
      case IOException e when e.getCause() != null && e.getCause() != e ->
          errno(e.getCause(), operation);
      default -> Errno.EIO;
    };
  }
}
