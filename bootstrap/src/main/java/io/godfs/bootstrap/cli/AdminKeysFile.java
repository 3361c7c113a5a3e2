package io.godfs.bootstrap.cli;

import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A master's API keys file as the admin commands add to it ({@code godfs admin key create}, {@code
 * godfs admin certs create --admin}): a new key's hash goes into the file with its holder's roles
 * and groups, and the key itself back to the command, to be shown or stored once. Masters read the
 * file again within a second, so a key works without a restart.
 */
record AdminKeysFile(Path path) {
  static final String ENV = "GODFS_API_KEYS_FILE";
  private static final SecureRandom RANDOM = new SecureRandom();

  /** The file {@code option} names, else {@value #ENV}; empty when neither names one. */
  static Optional<AdminKeysFile> chosen(Path option, Map<String, String> env) {
    if (option != null) {
      return Optional.of(new AdminKeysFile(option));
    }
    String fromEnv = env.getOrDefault(ENV, "");
    return fromEnv.isBlank() ? Optional.empty() : Optional.of(new AdminKeysFile(Path.of(fromEnv)));
  }

  /** A new key for {@code holder}, whose hash the file now keeps. */
  String addKeyFor(Principal.User holder) {
    return ApiKeyFile.addKey(path, holder, RANDOM);
  }

  /** A new key for {@code user} with the admin role on the whole namespace. */
  String addAdminKey(String user) {
    return addKeyFor(Principal.user(user, Set.of(), Set.of(Role.ADMIN)));
  }
}
