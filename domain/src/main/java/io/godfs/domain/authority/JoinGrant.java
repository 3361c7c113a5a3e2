package io.godfs.domain.authority;

import java.util.Objects;
import java.util.Optional;

/**
 * What a used join token admits: a party of {@code role}, named {@code name} when the token pins a
 * name.
 */
public record JoinGrant(NodeRole role, Optional<String> name) {
  public JoinGrant {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(name, "name");
  }
}
