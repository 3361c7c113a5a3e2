package io.godfs.application.chunkserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.MutableClock;
import io.godfs.application.shared.ChunkTokenCodec;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkAccessToken;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A chunkserver's check of chunk access tokens: the MAC, the key, the expiry, then what the token
 * grants. Refusals say what was wrong and never hold the token's bytes.
 */
class ChunkAccessServiceTest {
  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");
  private static final ChunkId CHUNK = new ChunkId(42);
  private static final ChunkVersion V1 = ChunkVersion.FIRST;

  private final MutableClock clock = new MutableClock(T0);
  private final ChunkAccessKey key1 = key(1, T0.minus(Duration.ofHours(1)));
  private final ChunkAccessKey key2 = key(2, T0);
  private final ChunkAccessService access = new ChunkAccessService(true, clock);

  private static ChunkAccessKey key(long id, Instant created) {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) (id * 31));
    return new ChunkAccessKey(id, secret, created, created.plus(Duration.ofHours(2)));
  }

  private SignedChunkToken token(ChunkAccessKey key, ChunkOperation op, Duration life) {
    return ChunkTokenCodec.sign(
        new ChunkAccessToken(key.id(), CHUNK, V1, V1, Set.of(op), "alice", T0.plus(life)), key);
  }

  private static DfsError refusal(Outcome<Void> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected<Void>) outcome).error();
  }

  @Test
  void aValidTokenIsAdmitted() {
    access.acceptKeys(List.of(key1, key2));
    assertThat(
            access.admit(
                token(key2, ChunkOperation.READ, Duration.ofMinutes(5)),
                CHUNK,
                V1,
                ChunkOperation.READ))
        .isInstanceOf(Outcome.Ok.class);
  }

  @Test
  void aMissingTokenIsRefusedWhenEnforced() {
    access.acceptKeys(List.of(key2));
    DfsError e = refusal(access.admit(SignedChunkToken.NONE, CHUNK, V1, ChunkOperation.WRITE));
    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.message()).isEqualTo("no chunk access token (write of " + CHUNK + ")");
  }

  @Test
  void aChunkserverThatDoesNotEnforceAdmitsEveryCall() {
    var open = new ChunkAccessService(false, clock);
    assertThat(open.admit(SignedChunkToken.NONE, CHUNK, V1, ChunkOperation.WRITE))
        .isInstanceOf(Outcome.Ok.class);
  }

  @Test
  void aTamperedTokenIsRefused() {
    access.acceptKeys(List.of(key2));
    byte[] bytes = token(key2, ChunkOperation.READ, Duration.ofMinutes(5)).bytes();
    bytes[30] ^= 1; // inside the claims: the version
    DfsError e = refusal(access.admit(SignedChunkToken.of(bytes), CHUNK, V1, ChunkOperation.READ));
    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.message()).startsWith("chunk access token signature does not verify");
  }

  @Test
  void aTokenOfAnUnknownKeyIsRefused() {
    access.acceptKeys(List.of(key1));
    DfsError e =
        refusal(
            access.admit(
                token(key2, ChunkOperation.READ, Duration.ofMinutes(5)),
                CHUNK,
                V1,
                ChunkOperation.READ));
    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.message()).contains("signed with key 2, which this chunkserver does not hold");
  }

  @Test
  void anExpiredTokenIsRefused() {
    access.acceptKeys(List.of(key2));
    SignedChunkToken token = token(key2, ChunkOperation.READ, Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(5));
    DfsError e = refusal(access.admit(token, CHUNK, V1, ChunkOperation.READ));
    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.message()).contains("expired at");
  }

  @Test
  void anOldKeyIsHonouredAfterRotationUntilItExpires() {
    SignedChunkToken old = token(key1, ChunkOperation.READ, Duration.ofMinutes(59));
    access.acceptKeys(List.of(key1, key2)); // key 2 is the newest: the master rotated
    assertThat(access.admit(old, CHUNK, V1, ChunkOperation.READ)).isInstanceOf(Outcome.Ok.class);

    clock.advance(Duration.ofMinutes(60)); // key 1 expired (created an hour before T0, lives 2 h)
    DfsError e = refusal(access.admit(old, CHUNK, V1, ChunkOperation.READ));
    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
  }

  @Test
  void aRefusalNeverHoldsTheTokenBytes() {
    access.acceptKeys(List.of(key2));
    SignedChunkToken token = token(key2, ChunkOperation.READ, Duration.ofMinutes(5));
    DfsError e = refusal(access.admit(token, new ChunkId(43), V1, ChunkOperation.READ));
    assertThat(e.code()).isEqualTo(ErrorCode.PERMISSION_DENIED);
    String hex = HexFormat.of().formatHex(token.bytes());
    assertThat(e.message()).doesNotContain(hex.substring(hex.length() - 16));
    assertThat(e.message())
        .doesNotContain(Base64.getEncoder().encodeToString(token.bytes()).substring(0, 16));
  }

  @Test
  void aMalformedTokenIsRefused() {
    access.acceptKeys(List.of(key2));
    DfsError e =
        refusal(
            access.admit(
                SignedChunkToken.of(new byte[] {1, 2, 3}), CHUNK, V1, ChunkOperation.READ));
    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(e.message()).startsWith("malformed chunk access token");
  }

  @Test
  void aReplyWithoutKeysForgetsNoneAndExpiredKeysAreDropped() {
    access.acceptKeys(List.of(key1, key2));
    access.acceptKeys(List.of()); // a new leader that has not read the keys yet
    SignedChunkToken token = token(key2, ChunkOperation.READ, Duration.ofMinutes(5));
    assertThat(access.admit(token, CHUNK, V1, ChunkOperation.READ)).isInstanceOf(Outcome.Ok.class);

    clock.advance(Duration.ofMinutes(61)); // key 1 expired
    access.acceptKeys(List.of(key2));
    DfsError e =
        refusal(
            access.admit(
                ChunkTokenCodec.sign(
                    new ChunkAccessToken(
                        1,
                        CHUNK,
                        V1,
                        V1,
                        Set.of(ChunkOperation.READ),
                        "alice",
                        T0.plusSeconds(7200)),
                    key1),
                CHUNK,
                V1,
                ChunkOperation.READ));
    assertThat(e.message()).contains("signed with key 1, which this chunkserver does not hold");
  }
}
