package io.godfs.application.shared;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.access.Delegation;
import io.godfs.domain.access.DelegationToken;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkAccessToken;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.PosixIdentity;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Delegation tokens verify only unaltered, under a known key, before they expire. */
class DelegationTokenCodecTest {
  static final Instant NOW = Instant.parse("2026-12-05T08:00:00Z");
  final ChunkAccessKey key = key(7, (byte) 1);
  final Principal.User alice =
      Principal.user("alice", Set.of("eng", "ops"), Set.of(Role.READ, Role.WRITE));
  final DelegationToken claims =
      new DelegationToken(
          7, alice, Delegation.write(DfsPath.of("/data/ä/f"), 12, NOW.plus(Duration.ofHours(1))));

  static ChunkAccessKey key(long id, byte fill) {
    byte[] secret = new byte[32];
    Arrays.fill(secret, fill);
    return new ChunkAccessKey(id, secret, NOW.minusSeconds(60), NOW.plus(Duration.ofDays(9)));
  }

  Outcome<DelegationToken> verify(String token, ChunkAccessKey held, Instant at) {
    return DelegationTokenCodec.verify(
        token, id -> id == held.id() ? Optional.of(held) : Optional.empty(), at);
  }

  @Test
  void aTokenCarriesItsClaimsAndVerifies() {
    String token = DelegationTokenCodec.sign(claims, key);
    assertThat(token).startsWith(DelegationTokenCodec.PREFIX).matches("[A-Za-z0-9._-]+");
    assertThat(verify(token, key, NOW)).isEqualTo(Outcome.ok(claims));
    assertThat(DelegationTokenCodec.read(token)).contains(claims);
    assertThat(claims.principal().name()).isEqualTo("alice");
  }

  @Test
  void aTokenCarriesItsIssuersPosixIdentityAndOnesWithoutStayFormatOne() {
    DelegationToken mapped =
        new DelegationToken(
            7, alice.withPosix(new PosixIdentity(1000, 100, Set.of(4, 27))), claims.delegation());
    String token = DelegationTokenCodec.sign(mapped, key);
    assertThat(verify(token, key, NOW)).isEqualTo(Outcome.ok(mapped));
    byte[] unmapped =
        Base64.getUrlDecoder()
            .decode(
                DelegationTokenCodec.sign(claims, key)
                    .substring(DelegationTokenCodec.PREFIX.length()));
    assertThat(unmapped[0]).isEqualTo((byte) 1);
  }

  @Test
  void everyRefusalSaysWhy() {
    String token = DelegationTokenCodec.sign(claims, key);
    assertThat(reason(verify(token, key, NOW.plus(Duration.ofHours(1)))))
        .isEqualTo("delegation token expired at " + NOW.plus(Duration.ofHours(1)));
    assertThat(reason(verify(token, key(8, (byte) 1), NOW)))
        .startsWith("delegation token signed with key 7, which the masters do not hold");
    assertThat(reason(verify(token, key(7, (byte) 2), NOW)))
        .startsWith("delegation token signature does not verify");
    assertThat(reason(verify("godfs-dt1.AAAA", key, NOW))).isEqualTo("malformed delegation token");
    assertThat(reason(verify("godfs-dt1.!!", key, NOW))).isEqualTo("malformed delegation token");
  }

  @Test
  void aChangedClaimBreaksTheSignature() {
    byte[] bytes = decode(DelegationTokenCodec.sign(claims, key));
    for (int i = 9; i < bytes.length - 32; i++) { // past the format and key id
      byte[] altered = bytes.clone();
      altered[i] ^= 1;
      Outcome<DelegationToken> checked = verify(encode(altered), key, NOW);
      assertThat(checked).as("byte %d", i).isInstanceOf(Outcome.Rejected.class);
      assertThat(((Outcome.Rejected<DelegationToken>) checked).error().code())
          .isEqualTo(ErrorCode.UNAUTHENTICATED);
    }
  }

  @Test
  void aChunkTokenMadeWithTheSameKeyIsNoDelegationToken() {
    SignedChunkToken chunk =
        ChunkTokenCodec.sign(
            new ChunkAccessToken(
                7,
                new ChunkId(1),
                ChunkVersion.FIRST,
                ChunkVersion.FIRST,
                Set.of(ChunkOperation.READ),
                "alice",
                NOW.plusSeconds(60)),
            key);
    assertThat(verify(encode(chunk.bytes()), key, NOW)).isInstanceOf(Outcome.Rejected.class);
    assertThat(DelegationTokenCodec.isOne("godfs_abc")).isFalse();
  }

  private static String reason(Outcome<DelegationToken> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    var r = (Outcome.Rejected<DelegationToken>) outcome;
    assertThat(r.error().code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    return r.error().message();
  }

  private static byte[] decode(String token) {
    return Base64.getUrlDecoder().decode(token.substring(DelegationTokenCodec.PREFIX.length()));
  }

  private static String encode(byte[] bytes) {
    return DelegationTokenCodec.PREFIX
        + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
