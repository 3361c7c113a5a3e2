package io.godfs.application.port.in;

import io.godfs.domain.access.Caller;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.ChunkRecoveryRequest;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.InlineWriteRequest;
import io.godfs.domain.file.LeaseHolder;

/**
 * The master's side of writing chunks: grant a pipeline, then record the durable result. Each call
 * takes what to do as a request record and, beside it, the {@code writer} it acts for, who must
 * hold the file's lease ({@link LeaseHolder#NONE}: a file no client holds).
 */
public interface ChunkWriteUseCase {

  /** {@link #allocate(ChunkAllocationRequest, LeaseHolder)} on a file no client holds. */
  default Outcome<ChunkWriteTarget> allocate(Caller caller, ChunkAllocationRequest request) {
    return allocate(caller, request, LeaseHolder.NONE);
  }

  /** Places a new chunk over live nodes (avoiding the excluded) or re-grants an existing one. */
  Outcome<ChunkWriteTarget> allocate(
      Caller caller, ChunkAllocationRequest request, LeaseHolder writer);

  /**
   * Pipeline recovery: grants the next version of a chunk whose write lost a replica, to continue
   * on the survivors (in pipeline order); the replica left out is stale.
   */
  Outcome<ChunkWriteTarget> recover(
      Caller caller, ChunkRecoveryRequest request, LeaseHolder writer);

  /** {@link #commit(ChunkCommitRequest, LeaseHolder)} on a file no client holds. */
  default Outcome<Long> commit(Caller caller, ChunkCommitRequest request) {
    return commit(caller, request, LeaseHolder.NONE);
  }

  /** Records the chunk's new length after every replica fsynced it; returns the file's length. */
  Outcome<Long> commit(Caller caller, ChunkCommitRequest request, LeaseHolder writer);

  /**
   * Writes a small file's bytes into the namespace itself (no chunk, no pipeline: ADR 0016), into a
   * file {@code writer} holds that has no chunks; and releases the lease if the request closes the
   * file. Durable when the metadata is (the Raft log).
   */
  Outcome<FileStatus> storeInline(Caller caller, InlineWriteRequest request, LeaseHolder writer);
}
