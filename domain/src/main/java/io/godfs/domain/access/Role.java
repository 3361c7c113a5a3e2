package io.godfs.domain.access;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * A role held on the whole namespace (the seed's RBAC roles). Narrower rights are given by path
 * {@link Grant}s.
 */
public enum Role {
  /** Read everything. */
  READ(EnumSet.of(Permission.READ)),
  /** Read, write and delete everything. */
  WRITE(EnumSet.of(Permission.READ, Permission.WRITE, Permission.DELETE)),
  /** Everything a user may do, administration included. */
  ADMIN(EnumSet.of(Permission.READ, Permission.WRITE, Permission.DELETE, Permission.ADMIN));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = permissions;
  }

  public Set<Permission> permissions() {
    return Set.copyOf(permissions);
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code read}, {@code write} or {@code admin}, naming the bad value. */
  public static Role parse(String raw) {
    for (Role r : values()) {
      if (r.label().equals(raw.trim().toLowerCase(Locale.ROOT))) {
        return r;
      }
    }
    throw new IllegalArgumentException(
        "role '" + raw + "' is unknown (expected: read, write or admin)");
  }
}
