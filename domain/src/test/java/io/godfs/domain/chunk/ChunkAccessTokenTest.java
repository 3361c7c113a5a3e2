package io.godfs.domain.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChunkAccessTokenTest {
  private static final Instant NOW = Instant.parse("2026-12-05T10:00:00Z");
  private static final ChunkId A = new ChunkId(7);
  private static final ChunkId B = new ChunkId(8);
  private static final ChunkVersion V3 = new ChunkVersion(3);

  private static ChunkAccessToken token(Set<ChunkOperation> ops) {
    return new ChunkAccessToken(1, A, V3, V3, ops, "alice", NOW.plusSeconds(60));
  }

  private static void refused(Outcome<Void> outcome, ErrorCode code, String message) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    var error = ((Outcome.Rejected<Void>) outcome).error();
    assertThat(error.code()).isEqualTo(code);
    assertThat(error.message()).contains(message);
  }

  @Test
  void aTokenOpensItsChunkForItsOperationAtItsVersion() {
    assertThat(token(Set.of(ChunkOperation.READ)).allows(A, V3, ChunkOperation.READ, NOW))
        .isInstanceOf(Outcome.Ok.class);
  }

  @Test
  void aTokenForChunkANeverOpensChunkB() {
    refused(
        token(Set.of(ChunkOperation.READ)).allows(B, V3, ChunkOperation.READ, NOW),
        ErrorCode.PERMISSION_DENIED,
        "for " + A + " does not open " + B);
  }

  @Test
  void aReadTokenNeverWrites() {
    refused(
        token(Set.of(ChunkOperation.READ)).allows(A, V3, ChunkOperation.WRITE, NOW),
        ErrorCode.PERMISSION_DENIED,
        "does not allow write (allows: [read])");
  }

  @Test
  void aTokenForVersionThreeDoesNotWriteAMadeUpNewerVersion() {
    refused(
        token(Set.of(ChunkOperation.WRITE))
            .allows(A, new ChunkVersion(4), ChunkOperation.WRITE, NOW),
        ErrorCode.PERMISSION_DENIED,
        "covers v3, not v4");
  }

  @Test
  void anExpiredTokenIsRefusedAsUnauthenticated() {
    refused(
        token(Set.of(ChunkOperation.READ)).allows(A, V3, ChunkOperation.READ, NOW.plusSeconds(60)),
        ErrorCode.UNAUTHENTICATED,
        "expired at 2026-12-05T10:01:00Z");
  }

  @Test
  void aDeletionTokenCoversEveryVersion() {
    var delete =
        ChunkAccessToken.anyVersion(
            1, A, Set.of(ChunkOperation.DELETE), "cs-1", NOW.plusSeconds(60));
    assertThat(delete.allows(A, new ChunkVersion(99), ChunkOperation.DELETE, NOW))
        .isInstanceOf(Outcome.Ok.class);
  }

  @Test
  void operationsRoundTripThroughTheirBits() {
    var ops = Set.of(ChunkOperation.READ, ChunkOperation.REPLICATE);
    assertThat(ChunkOperation.fromBits(ChunkOperation.toBits(ops))).isEqualTo(ops);
  }
}
