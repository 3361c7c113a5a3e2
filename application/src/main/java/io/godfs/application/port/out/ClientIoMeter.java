package io.godfs.application.port.out;

import io.godfs.domain.error.ErrorCode;
import java.util.Locale;
import java.util.Optional;

/**
 * Counts what a client (the SDK's use cases) does with goDFS files (ADR 0023): the {@code
 * godfs_client_*} families. Bytes read and written, each operation with its outcome (ok or the
 * {@link ErrorCode} it failed with), checksum failures and replica failovers. Labels are the
 * operation's and the error code's names, never a path. Only a process that keeps metrics (a
 * gateway, a mount) passes one; an application embedding the SDK gets {@link #NONE}.
 */
public interface ClientIoMeter {
  /** Records nothing. */
  ClientIoMeter NONE =
      new ClientIoMeter() {
        @Override
        public void written(long bytes) {
          // Nothing is kept.
        }

        @Override
        public void read(long bytes) {
          // Nothing is kept.
        }

        @Override
        public void succeeded(Operation operation) {
          // Nothing is kept.
        }

        @Override
        public void failed(Operation operation, Optional<ErrorCode> code) {
          // Nothing is kept.
        }

        @Override
        public void checksumFailure() {
          // Nothing is kept.
        }

        @Override
        public void replicaFailover() {
          // Nothing is kept.
        }
      };

  /**
   * The client's operations: the file system use case's calls, and {@code WRITE} and {@code READ}
   * for a whole output or input stream (its outcome at close, or at its first failure).
   */
  enum Operation {
    MKDIR,
    CREATE_EMPTY,
    STAT,
    CLUSTER_INFO,
    LIST,
    LIST_NAMES,
    LOCATE,
    SET_ATTRIBUTES,
    RENAME,
    RENAME_OVER,
    DELETE,
    TRUNCATE,
    WRITE_SMALL_FILE,
    CREATE,
    OPEN_FOR_WRITE,
    OPEN,
    WRITE,
    READ;

    /** The label value: the name in lower case ({@code open_for_write}). */
    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** {@code bytes} of file content went to the cluster (a stream's piece, a small file). */
  void written(long bytes);

  /** {@code bytes} of file content were handed to a reader. */
  void read(long bytes);

  /** {@code operation} succeeded. */
  void succeeded(Operation operation);

  /**
   * {@code operation} failed: with a goDFS refusal's {@code code}, or with none when the failure
   * was something else (a bug, an I/O error without a code).
   */
  void failed(Operation operation, Optional<ErrorCode> code);

  /** A replica served bytes that did not match their CRC32C. */
  void checksumFailure();

  /**
   * A replica failed a read or a write and the client went on without it (the next replica, or a
   * rebuilt pipeline).
   */
  void replicaFailover();
}
