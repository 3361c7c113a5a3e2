package io.godfs.application.chunkserver;

import io.godfs.application.port.in.ChunkAccessUseCase;
import io.godfs.application.shared.ChunkTokenCodec;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkAccessToken;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Verifies chunk access tokens against the keys the master sent in its register and heartbeat
 * replies (ADR 0022). {@code enforced} false admits every call, as a chunkserver without security
 * did; the keys are still kept, so turning enforcement on needs nothing else.
 */
final class ChunkAccessService implements ChunkAccessUseCase {
  private final boolean enforced;
  private final InstantSource clock;
  private volatile Map<Long, ChunkAccessKey> keys = Map.of();

  ChunkAccessService(boolean enforced, InstantSource clock) {
    this.enforced = enforced;
    this.clock = clock;
  }

  @Override
  public Outcome<Void> admit(
      SignedChunkToken token, ChunkId chunk, ChunkVersion version, ChunkOperation op) {
    if (!enforced) {
      return Outcome.ok(null);
    }
    Instant now = clock.instant();
    Map<Long, ChunkAccessKey> held = keys;
    Outcome<ChunkAccessToken> verified =
        ChunkTokenCodec.verify(
            token, id -> Optional.ofNullable(held.get(id)).filter(k -> !k.expiredAt(now)));
    return switch (verified) {
      case Outcome.Rejected<ChunkAccessToken> r ->
          Outcome.rejected(
              r.error().code(), r.error().message() + " (" + op.label() + " of " + chunk + ")");
      case Outcome.Ok<ChunkAccessToken> ok -> ok.value().allows(chunk, version, op, now);
    };
  }

  @Override
  public Optional<String> holder(SignedChunkToken token) {
    Map<Long, ChunkAccessKey> held = keys;
    return switch (ChunkTokenCodec.verify(token, id -> Optional.ofNullable(held.get(id)))) {
      case Outcome.Ok<ChunkAccessToken> ok -> Optional.of(ok.value().principal());
      case Outcome.Rejected<ChunkAccessToken> refused -> Optional.empty();
    };
  }

  /**
   * Adds the master's keys to those held, dropping the expired ones. A reply with fewer keys (a new
   * leader that has not read them yet) removes none: a key stops counting only when it expires.
   */
  @Override
  public synchronized void acceptKeys(List<ChunkAccessKey> received) {
    Instant now = clock.instant();
    Map<Long, ChunkAccessKey> merged = new HashMap<>(keys);
    received.forEach(k -> merged.put(k.id(), k));
    merged.values().removeIf(k -> k.expiredAt(now));
    keys = Map.copyOf(merged);
  }

  @Override
  public boolean enforced() {
    return enforced;
  }
}
