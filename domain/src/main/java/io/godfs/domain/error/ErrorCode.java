package io.godfs.domain.error;

/**
 * Why an operation was refused. Stable names: they travel over the wire (gRPC trailer {@code
 * godfs-error}) and are mapped to gRPC statuses, HTTP problems and errno values by adapters.
 */
public enum ErrorCode {
  /** The path or chunk does not exist. */
  NOT_FOUND,
  /** The target exists and the caller did not ask to replace it. */
  ALREADY_EXISTS,
  /** A path component that must be a directory is a file. */
  NOT_A_DIRECTORY,
  /** The operation needs a file but the path is a directory. */
  IS_A_DIRECTORY,
  /** A non-recursive delete of a directory that has entries. */
  NOT_EMPTY,
  /** Malformed input: a bad path, size, offset or id. */
  INVALID_ARGUMENT,
  /** The request is well formed but the current state forbids it (stale version, file replaced). */
  CONFLICT,
  /** The file is open for writing by another client: one writer per file (a lease). */
  BUSY,
  /** Not enough live chunkservers with free space to place the replicas. */
  NO_CAPACITY,
  /** A chunk replica, or every replica of a chunk, cannot be read or written right now. */
  UNAVAILABLE,
  /** Stored bytes do not match their checksum. */
  CORRUPT,
  /**
   * This master is a follower: ask the leader (named in the answer when known) or another master.
   */
  NOT_LEADER,
  /** The caller is known but lacks the permission the operation needs (named in the message). */
  PERMISSION_DENIED,
  /** The caller presented no credential, or one that is invalid, expired or revoked. */
  UNAUTHENTICATED,
  /** The path is in a snapshot, which no one may change (EROFS, HTTP 403). */
  READ_ONLY,
  /** A name or space quota of a directory would be exceeded (EDQUOT, HTTP 507). */
  QUOTA_EXCEEDED,
  /** The inode has no extended attribute of that name (ENODATA, HTTP 404; ADR 0028). */
  NO_ATTRIBUTE,
  /** The file system does not do this (EOPNOTSUPP, HTTP 501): e.g. a security.* attribute. */
  UNSUPPORTED,
  /** A value past its limit, e.g. an extended attribute over 64 KiB (E2BIG, HTTP 413). */
  TOO_LARGE,
  /** A file already has the most names an inode may have (EMLINK, HTTP 409; ADR 0028). */
  TOO_MANY_LINKS,
  /**
   * POSIX forbids it whoever asks (EPERM, HTTP 403): e.g. a hard link to a directory. Not a missing
   * permission of the caller, which is {@link #PERMISSION_DENIED}.
   */
  NOT_PERMITTED
}
