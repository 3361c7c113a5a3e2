package io.godfs.application.port.in;

import io.godfs.domain.chunk.SignedChunkToken;
import java.util.Optional;

/**
 * A chunkserver's audit trail (ADR 0022, {@code GODFS_AUDIT_CHUNK}): the edge that receives a call
 * records it here, once it knows how it ended.
 */
public interface ChunkAuditUseCase {
  /** A deletion the master ordered (in a heartbeat reply). */
  String DELETE = "godfs.chunkserver/DeleteOrdered";

  /** A copy the master ordered, written here from another chunkserver's replica. */
  String REPLICATE = "godfs.chunkserver/ReplicateOrdered";

  /** Whether events are kept: without a trail, callers skip the work of describing a call. */
  boolean enabled();

  /**
   * Records one call.
   *
   * @param operation what was called, e.g. {@code godfs.api.v1.ChunkService/WriteChunk}
   * @param source the caller's address
   * @param chunkId the chunk it named ({@code 0}: none could be read from the call)
   * @param version its version ({@code 0}: every version, or none named)
   * @param token the call's chunk access token: it names the principal, and is never recorded
   * @param result {@code ok} or the refusal's code in lower case
   * @param reason why it was refused or failed (empty when ok)
   * @param requestId the client request it served, when the call named one
   */
  void record(
      String operation,
      String source,
      long chunkId,
      long version,
      SignedChunkToken token,
      String result,
      Optional<String> reason,
      Optional<String> requestId);

  /** No trail. */
  ChunkAuditUseCase NONE =
      new ChunkAuditUseCase() {
        @Override
        public boolean enabled() {
          return false;
        }

        @Override
        public void record(
            String operation,
            String source,
            long chunkId,
            long version,
            SignedChunkToken token,
            String result,
            Optional<String> reason,
            Optional<String> requestId) {}
      };
}
