package io.godfs.application.chunkserver;

import io.godfs.application.port.in.ChunkAccessUseCase;
import io.godfs.application.port.in.ChunkAuditUseCase;
import io.godfs.application.port.out.AuditEvent;
import io.godfs.application.port.out.AuditEvent.AuditedChunk;
import io.godfs.application.port.out.AuditLog;
import io.godfs.domain.chunk.SignedChunkToken;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

/**
 * A chunkserver's audit trail (ADR 0022, {@code GODFS_AUDIT_CHUNK}): one event per refused call and
 * per mutation (a write, a deletion or a copy the master ordered); reads that were allowed are left
 * out, as on the master. The principal is the one the call's chunk access token names, once its
 * signature verifies with a key this node holds, {@code unauthenticated} otherwise (no token, a
 * forged or unknown-key one), {@code anonymous} on a node that checks no tokens. Never the token.
 */
final class ChunkAuditService implements ChunkAuditUseCase {
  private final AuditLog log;
  private final ChunkAccessUseCase access;
  private final InstantSource clock;

  ChunkAuditService(AuditLog log, ChunkAccessUseCase access, InstantSource clock) {
    this.log = log;
    this.access = access;
    this.clock = clock;
  }

  @Override
  public boolean enabled() {
    return log != AuditLog.NONE;
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
      Optional<String> requestId) {
    if (!enabled()) {
      return;
    }
    log.record(
        new AuditEvent(
            clock.instant(),
            principal(token),
            source,
            operation,
            List.of(),
            result,
            requestId,
            chunkId > 0 ? Optional.of(new AuditedChunk(chunkId, version)) : Optional.empty(),
            reason));
  }

  private String principal(SignedChunkToken token) {
    return access.holder(token).orElse(access.enforced() ? "unauthenticated" : "anonymous");
  }
}
