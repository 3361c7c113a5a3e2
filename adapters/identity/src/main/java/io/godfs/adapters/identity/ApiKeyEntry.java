package io.godfs.adapters.identity;

import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One line of a keys file: {@code USER sha256:HEX [roles=ROLE,...] [groups=GROUP,...]}. Lines that
 * are blank or start with {@code #} are comments.
 */
record ApiKeyEntry(String hash, Principal.User user) {
  private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");

  /** The entry on {@code line}, or an IllegalArgumentException naming what is wrong. */
  static ApiKeyEntry parse(String line) {
    String[] fields = line.strip().split("\\s+");
    if (fields.length < 2) {
      throw new IllegalArgumentException(
          "expected: USER sha256:HEX [roles=read|write|admin,...] [groups=NAME,...]");
    }
    if (!HASH.matcher(fields[1]).matches()) {
      throw new IllegalArgumentException(
          "the key of "
              + fields[0]
              + " is not 'sha256:' and 64 lower-case hex digits (the file stores a key's hash,"
              + " never the key: godfs admin key create writes it)");
    }
    Set<Role> roles = Set.of();
    Set<String> groups = Set.of();
    for (String field : Arrays.copyOfRange(fields, 2, fields.length)) {
      if (field.startsWith("roles=")) {
        roles = list(field, "roles=").stream().map(Role::parse).collect(Collectors.toSet());
      } else if (field.startsWith("groups=")) {
        groups = list(field, "groups=");
      } else {
        throw new IllegalArgumentException(
            "unknown field '" + field + "' (expected: roles=... or groups=...)");
      }
    }
    return new ApiKeyEntry(fields[1], Principal.user(fields[0], groups, roles));
  }

  private static Set<String> list(String field, String prefix) {
    return Arrays.stream(field.substring(prefix.length()).split(","))
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }

  /** The line that stores this entry. */
  String line() {
    StringBuilder out = new StringBuilder(user.name()).append(' ').append(hash);
    if (!user.roles().isEmpty()) {
      out.append(" roles=")
          .append(user.roles().stream().sorted().map(Role::label).collect(Collectors.joining(",")));
    }
    if (!user.groups().isEmpty()) {
      out.append(" groups=")
          .append(user.groups().stream().sorted().collect(Collectors.joining(",")));
    }
    return out.toString();
  }
}
