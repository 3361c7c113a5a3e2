package io.godfs.application.master;

import java.time.Duration;
import java.util.Objects;

/**
 * Whether and how the master issues chunk access tokens (ADR 0022). {@code lifetime}: how long a
 * token is valid (a reader re-locates for a fresh one when its token nears expiry). {@code
 * rotation}: how often the leader makes a new signing key. A key is kept until {@link
 * #keyLifetime()} after it was made, past the expiry of every token it may have signed.
 */
public record ChunkTokenSettings(boolean issue, Duration lifetime, Duration rotation) {
  public static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
  public static final Duration DEFAULT_ROTATION = Duration.ofHours(24);

  /** No tokens: a master without security (chunkservers then enforce none). */
  public static final ChunkTokenSettings OFF =
      new ChunkTokenSettings(false, DEFAULT_LIFETIME, DEFAULT_ROTATION);

  /** Tokens with the default lifetime and rotation. */
  public static final ChunkTokenSettings ON =
      new ChunkTokenSettings(true, DEFAULT_LIFETIME, DEFAULT_ROTATION);

  public ChunkTokenSettings {
    Objects.requireNonNull(lifetime, "lifetime");
    Objects.requireNonNull(rotation, "rotation");
    if (lifetime.compareTo(Duration.ofSeconds(10)) < 0 || rotation.compareTo(lifetime) < 0) {
      throw new IllegalArgumentException(
          "token lifetime "
              + lifetime
              + ", key rotation "
              + rotation
              + " (expected: a lifetime of at least 10 s, a rotation no shorter than it)");
    }
  }

  /**
   * How long a key lives: it signs for one rotation (two when the next rotation is late), and its
   * last token lives one lifetime more.
   */
  public Duration keyLifetime() {
    return rotation.multipliedBy(2).plus(lifetime);
  }
}
