package io.godfs.application.port.in;

import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.error.Outcome;
import java.util.List;
import java.util.Optional;

/**
 * A chunkserver's check of chunk access tokens (ADR 0022), asked before every read, write,
 * short-circuit open, copy and deletion. A chunkserver that does not enforce tokens admits every
 * call, as before tokens existed.
 */
public interface ChunkAccessUseCase {

  /**
   * Whether {@code token} lets its holder do {@code op} on {@code chunk} at {@code version}:
   * UNAUTHENTICATED for a missing, malformed, tampered, unknown-key or expired token,
   * PERMISSION_DENIED for a token of another chunk, operation or version; each names what was
   * wrong, never the token's bytes.
   */
  Outcome<Void> admit(
      SignedChunkToken token, ChunkId chunk, ChunkVersion version, ChunkOperation op);

  /**
   * The principal {@code token} names, when its signature verifies with a key held here (expired or
   * not, whatever it allows): who a call came from, for the audit trail. Empty for no token, a
   * forged one, or on a node that checks none.
   */
  default Optional<String> holder(SignedChunkToken token) {
    return Optional.empty();
  }

  /** The master's keys (register and heartbeat replies), kept until each expires. */
  void acceptKeys(List<ChunkAccessKey> keys);

  boolean enforced();

  /** Admits every call: a chunkserver without tokens (security off, tests). */
  static ChunkAccessUseCase open() {
    return new ChunkAccessUseCase() {
      @Override
      public Outcome<Void> admit(
          SignedChunkToken token, ChunkId chunk, ChunkVersion version, ChunkOperation op) {
        return Outcome.ok(null);
      }

      @Override
      public void acceptKeys(List<ChunkAccessKey> keys) {
        // Nothing is checked, so nothing is kept.
      }

      @Override
      public boolean enforced() {
        return false;
      }
    };
  }
}
