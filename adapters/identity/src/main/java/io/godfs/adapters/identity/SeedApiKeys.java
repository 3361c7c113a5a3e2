package io.godfs.adapters.identity;

import io.godfs.application.port.out.CredentialVerifier;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The seed's {@code GODFS_API_KEYS}: {@code alice:key1,bob:key2}, keys given in the clear (the
 * configuration parses and checks them). Each names a user with {@code roles} (the wiring gives the
 * seed's meaning: every role while no RBAC rule is set, none otherwise). Keys are compared by hash,
 * so the lookup time says nothing about a guess.
 */
public final class SeedApiKeys implements CredentialVerifier {
  private final Map<String, Principal.User> byHash;

  private SeedApiKeys(Map<String, Principal.User> byHash) {
    this.byHash = Map.copyOf(byHash);
  }

  /** {@code principalByKey}: each key (checked by the configuration) to its user's name. */
  public static SeedApiKeys of(Map<String, String> principalByKey, Set<Role> roles) {
    Map<String, Principal.User> byHash = new HashMap<>();
    principalByKey.forEach(
        (key, user) -> byHash.put(ApiKey.hash(key), Principal.user(user, Set.of(), roles)));
    return new SeedApiKeys(byHash);
  }

  @Override
  public Verdict verify(String bearer) {
    Principal.User user = byHash.get(ApiKey.hash(bearer));
    return user == null ? new Verdict.NotMine() : new Verdict.Accepted(user);
  }

  @Override
  public String describe() {
    return "the API keys of GODFS_API_KEYS";
  }
}
