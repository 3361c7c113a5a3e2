package io.godfs.bootstrap.config;

import io.godfs.client.CredentialsFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Looks at every {@code GODFS_*} variable before a role starts: one goDFS reads is fine; one of the
 * original goDFS that goDFS does not support and that asks for something stops the start ({@link
 * SeedVariable}); any other is reported, since a typo would otherwise be ignored without a word.
 */
public final class EnvironmentCheck {
  private static final String PREFIX = "GODFS_";

  /** Read by the launcher, the scripts and the tests, not by the Java process: never reported. */
  private static final Set<String> TOOLS =
      Set.of(
          "GODFS_DEBUG",
          "GODFS_JAVA_OPTS",
          "GODFS_HOME",
          "GODFS_SCRIPT",
          "GODFS_IMAGE",
          "GODFS_CI_JAVA_HOME",
          "GODFS_LOCAL_MASTERS",
          "GODFS_LOCAL_MASTER_PORT",
          "GODFS_LOCAL_FIRST_RAFT_PORT",
          "GODFS_LOCAL_FIRST_CHUNK_PORT",
          "GODFS_LOCAL_INSECURE",
          "GODFS_REST_BASE_URL",
          "GODFS_TEST_API_KEY",
          // The original's test and CI scripts.
          "GODFS_E2E_LARGE_BYTES",
          "GODFS_DOCKER_COMPOSE_EXTRA",
          "GODFS_TOXIPROXY_API",
          "GODFS_TESTCONTAINERS",
          "GODFS_RAFT_LEADER_CHAOS_TIMEOUT",
          "GODFS_RAFT_CHAOS_QUORUM_BREAK",
          "GODFS_MASTER_ADDR",
          "GODFS_MEMBERSHIP_LAB",
          "GODFS_MEMBERSHIP_LAB_RAFT_ADDR",
          "GODFS_MEMBERSHIP_LAB_GRPC_ADDR");

  private static final Set<String> KNOWN = known();

  private EnvironmentCheck() {}

  /**
   * The warnings to print before {@code role} starts, one line each, for the variables nobody
   * reads; a {@link ConfigException} naming the first unsupported variable (in name order) that
   * asks for something.
   */
  public static List<String> check(Role role, Map<String, String> env) {
    List<String> warnings = new ArrayList<>();
    for (String name : new TreeSet<>(env.keySet())) {
      if (!name.startsWith(PREFIX)) {
        continue;
      }
      Optional<SeedVariable> seed = SeedVariable.named(name);
      if (seed.isPresent() && seed.get().refuses(role, env.get(name))) {
        throw new ConfigException(seed.get().message());
      }
      if (seed.isEmpty() && !KNOWN.contains(name)) {
        warnings.add(
            name
                + " is not a goDFS setting and is ignored"
                + Suggestion.closest(name, KNOWN)
                    .map(s -> " (did you mean " + s + "?)")
                    .orElse(""));
      }
    }
    return warnings;
  }

  private static Set<String> known() {
    Set<String> names = new TreeSet<>(TOOLS);
    Arrays.stream(Setting.values())
        .map(Setting::envNames)
        .flatMap(Collection::stream)
        .forEach(names::add);
    names.addAll(SeedVariable.names());
    // Read by every client (the SDK too, which has no settings of its own), not a setting of a
    // role.
    names.add(CredentialsFile.LOCATION_VARIABLE);
    return Set.copyOf(names);
  }
}
