package io.godfs.application.port.in;

import io.godfs.domain.access.Caller;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.LeaseHolder;
import java.time.Duration;

/**
 * Single-writer file leases on the master (HDFS shape): a client opens a file for writing, renews
 * all its leases in one call while it writes, and closes the file. A client that stops renewing
 * loses its leases after the lease timeout; the master then recovers its files.
 */
public interface LeaseUseCase {

  /** Gives {@code writer} the file's lease; BUSY while another client holds it. */
  Outcome<FileStatus> openForWrite(Caller caller, DfsPath path, LeaseHolder.Client writer);

  /** Releases {@code writer}'s lease on the file. */
  Outcome<FileStatus> close(Caller caller, FileId fileId, LeaseHolder.Client writer);

  /** Renews every lease {@code writer} holds; returns the timeout it must renew within. */
  Duration renew(Caller caller, LeaseHolder.Client writer);
}
