package io.godfs.bootstrap.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * User and group names of this machine, read from {@code /etc/passwd} and {@code /etc/group} (the
 * local files only: names a directory service such as LDAP knows are not found here; give their
 * numeric ids). The namespace keeps numbers only (ADR 0028); names are for the command line.
 */
final class LocalUsers {
  static final Path PASSWD = Path.of("/etc/passwd");
  static final Path GROUP = Path.of("/etc/group");

  private final Path passwd;
  private final Path group;

  LocalUsers(Path passwd, Path group) {
    this.passwd = passwd;
    this.group = group;
  }

  static LocalUsers system() {
    return new LocalUsers(PASSWD, GROUP);
  }

  /** The uid of user {@code name}. */
  OptionalInt uid(String name) {
    return field(passwd, name, 2);
  }

  /** The login group (gid) of user {@code name}. */
  OptionalInt loginGroupOf(String name) {
    return field(passwd, name, 3);
  }

  /** The login group (gid) of the user with uid {@code uid}. */
  OptionalInt loginGroupOf(int uid) {
    for (String[] entry : entries(passwd)) {
      if (entry.length > 3 && entry[2].equals(String.valueOf(uid))) {
        return number(entry[3]);
      }
    }
    return OptionalInt.empty();
  }

  /** The gid of group {@code name}. */
  OptionalInt gid(String name) {
    return field(group, name, 2);
  }

  String where(boolean ofGroups) {
    return (ofGroups ? group : passwd).toString();
  }

  private static OptionalInt field(Path file, String name, int index) {
    for (String[] entry : entries(file)) {
      if (entry.length > index && entry[0].equals(name)) {
        return number(entry[index]);
      }
    }
    return OptionalInt.empty();
  }

  private static List<String[]> entries(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(line -> !line.isBlank() && !line.startsWith("#"))
          .map(line -> line.split(":", -1))
          .toList();
    } catch (IOException | RuntimeException e) {
      return List.of(); // no such database here: names are unknown, numbers still work
    }
  }

  private static OptionalInt number(String text) {
    try {
      int n = Integer.parseInt(text);
      return n < 0 ? OptionalInt.empty() : OptionalInt.of(n);
    } catch (NumberFormatException e) {
      return OptionalInt.empty();
    }
  }
}
