package io.godfs.adapters.identity;

import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.file.PosixIdentity;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * One line of a keys file: {@code USER sha256:HEX [roles=ROLE,...] [groups=GROUP,...] [uid=N gid=N
 * [gids=N,...]]}. Lines that are blank or start with {@code #} are comments. A uid gives the user a
 * POSIX identity, and with it the master's POSIX checks (ADR 0029); gid and gids need one.
 */
record ApiKeyEntry(String hash, Principal.User user) {
  private static final Pattern HASH = Pattern.compile("sha256:[0-9a-f]{64}");

  /** The entry on {@code line}, or an IllegalArgumentException naming what is wrong. */
  static ApiKeyEntry parse(String line) {
    String[] fields = line.strip().split("\\s+");
    if (fields.length < 2) {
      throw new IllegalArgumentException(
          "expected: USER sha256:HEX [roles=read|write|admin,...] [groups=NAME,...]"
              + " [uid=N gid=N [gids=N,...]]");
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
    Integer uid = null;
    Integer gid = null;
    Set<Integer> gids = Set.of();
    for (String field : Arrays.copyOfRange(fields, 2, fields.length)) {
      if (field.startsWith("roles=")) {
        roles = list(field, "roles=").stream().map(Role::parse).collect(Collectors.toSet());
      } else if (field.startsWith("groups=")) {
        groups = list(field, "groups=");
      } else if (field.startsWith("uid=")) {
        uid = id(field, "uid=");
      } else if (field.startsWith("gid=")) {
        gid = id(field, "gid=");
      } else if (field.startsWith("gids=")) {
        gids = list(field, "gids=").stream().map(g -> id(g, "")).collect(Collectors.toSet());
      } else {
        throw new IllegalArgumentException(
            "unknown field '"
                + field
                + "' (expected: roles=..., groups=..., uid=..., gid=... or gids=...)");
      }
    }
    Principal.User user = Principal.user(fields[0], groups, roles);
    if (uid == null && (gid != null || !gids.isEmpty())) {
      throw new IllegalArgumentException(
          "gid= or gids= for " + fields[0] + " without uid= (a POSIX identity needs a uid)");
    }
    if (uid != null) {
      if (gid == null) {
        throw new IllegalArgumentException(
            "uid= for " + fields[0] + " without gid= (expected: uid=N gid=N [gids=N,...])");
      }
      user = user.withPosix(new PosixIdentity(uid, gid, gids));
    }
    return new ApiKeyEntry(fields[1], user);
  }

  /** A uid or gid: a decimal number from 0 to 2^31-1. */
  private static int id(String field, String prefix) {
    String raw = field.substring(prefix.length());
    try {
      int id = Integer.parseInt(raw);
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // Said below, with what was expected.
    }
    throw new IllegalArgumentException(
        "'" + field + "' is not a numeric id (expected: a number from 0 to 2147483647)");
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
    user.posix().ifPresent(p -> out.append(' ').append(p.describe()));
    return out.toString();
  }
}
