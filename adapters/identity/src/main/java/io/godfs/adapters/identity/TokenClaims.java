package io.godfs.adapters.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import io.godfs.domain.access.Role;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the user, groups and roles out of a token's claims. A claim is looked up by its name; when
 * no claim has that name and it holds dots, as a path into nested objects ({@code
 * realm_access.roles}), since identity providers put roles in both kinds of place (Auth0's claim
 * names are URLs, with dots).
 */
final class TokenClaims {
  private TokenClaims() {}

  /** The value of {@code name}, if the token has it. */
  static Optional<Object> claim(JWTClaimsSet claims, String name) {
    Object direct = claims.getClaim(name);
    if (direct != null || !name.contains(".")) {
      return Optional.ofNullable(direct);
    }
    Object at = claims.getClaims();
    for (String part : name.split("\\.")) {
      if (!(at instanceof Map<?, ?> object)) {
        return Optional.empty();
      }
      at = object.get(part);
    }
    return Optional.ofNullable(at);
  }

  /**
   * The strings of a claim that is an array of strings or one string of names separated by spaces
   * or commas (both forms are common for groups, roles and OAuth scopes). Other values are skipped.
   */
  static List<String> names(Object value) {
    List<String> out = new ArrayList<>();
    if (value instanceof String text) {
      for (String s : text.split("[\\s,]+")) {
        if (!s.isEmpty()) {
          out.add(s);
        }
      }
    } else if (value instanceof Collection<?> items) {
      for (Object item : items) {
        if (item instanceof String s && !s.isBlank()) {
          out.add(s.strip());
        }
      }
    }
    return out;
  }

  /**
   * The groups a claim holds, skipping names goDFS cannot hold (spaces, too long): no rule can name
   * such a group, so dropping it takes nothing away.
   */
  static Set<String> groups(Object value) {
    Set<String> groups = new LinkedHashSet<>();
    for (String name : names(value)) {
      if (name.length() <= 256 && name.chars().allMatch(c -> c > ' ' && c != 127)) {
        groups.add(name);
      }
    }
    return groups;
  }

  /** The roles a claim holds; values other than read, write and admin are other systems' roles. */
  static Set<Role> roles(Object value) {
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (String name : names(value)) {
      try {
        roles.add(Role.parse(name));
      } catch (IllegalArgumentException e) {
        // Not one of goDFS's roles: ignored, as the same token also serves other services.
      }
    }
    return roles;
  }
}
