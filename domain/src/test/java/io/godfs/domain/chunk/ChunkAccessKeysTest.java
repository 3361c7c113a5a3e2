package io.godfs.domain.chunk;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.error.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ChunkAccessKeysTest {
  private static final Instant T0 = Instant.parse("2026-12-05T00:00:00Z");

  private static ChunkAccessKey key(long id, Instant created, Duration life) {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) id);
    return new ChunkAccessKey(id, secret, created, created.plus(life));
  }

  @Test
  void oldKeysStayUntilTheyExpireAndTheNewestAlwaysStays() {
    ChunkAccessKeys keys = new ChunkAccessKeys();
    Duration life = Duration.ofHours(49);
    keys.add(key(1, T0, life), T0);
    keys.add(key(2, T0.plus(Duration.ofHours(24)), life), T0.plus(Duration.ofHours(24)));
    assertThat(keys.all()).extracting(ChunkAccessKey::id).containsExactly(1L, 2L);

    Instant third = T0.plus(Duration.ofHours(49)); // key 1 expires now
    keys.add(key(3, third, life), third);
    assertThat(keys.all()).extracting(ChunkAccessKey::id).containsExactly(2L, 3L);
    assertThat(keys.newest()).map(ChunkAccessKey::id).contains(3L);
  }

  @Test
  void aKeyIdThatDoesNotGrowIsRefused() {
    ChunkAccessKeys keys = new ChunkAccessKeys();
    keys.add(key(2, T0, Duration.ofHours(1)), T0);
    assertThat(keys.add(key(2, T0, Duration.ofHours(1)), T0)).isInstanceOf(Outcome.Rejected.class);
    assertThat(keys.all()).hasSize(1);
  }

  @Test
  void aKeyNeverShowsItsSecret() {
    assertThat(key(1, T0, Duration.ofHours(1)).toString())
        .doesNotContain("[B")
        .contains("chunk access key 1");
  }
}
