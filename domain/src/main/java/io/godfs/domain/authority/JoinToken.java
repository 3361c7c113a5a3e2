package io.godfs.domain.authority;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A join token as the masters keep it: the SHA-256 of its secret (hex), never the secret; the role
 * it admits; the name it pins (empty: the joining party names itself); when it expires; and when it
 * was used, once it was.
 */
public record JoinToken(
    String hash, NodeRole role, Optional<String> name, Instant expires, Optional<Instant> used) {
  public JoinToken {
    Objects.requireNonNull(hash, "hash");
    if (!hash.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException("hash : not 64 lower-case hex digits");
    }
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(expires, "expires");
    Objects.requireNonNull(used, "used");
  }

  JoinToken usedAt(Instant at) {
    return new JoinToken(hash, role, name, expires, Optional.of(at));
  }
}
