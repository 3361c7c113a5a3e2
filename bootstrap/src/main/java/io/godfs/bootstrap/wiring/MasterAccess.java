package io.godfs.bootstrap.wiring;

import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.adapters.identity.ClusterKey;
import io.godfs.adapters.identity.JwtVerifier;
import io.godfs.adapters.identity.RbacRules;
import io.godfs.adapters.identity.SeedApiKeys;
import io.godfs.application.port.in.AuthenticationUseCase;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.application.port.out.AuditLog;
import io.godfs.application.port.out.CredentialVerifier;
import io.godfs.application.shared.Authentications;
import io.godfs.bootstrap.config.AuditConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.domain.access.AccessRules;
import io.godfs.domain.access.Role;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A master's authentication, access rules and audit trail, from its security settings: who its
 * callers are (API keys, the seed's keys, the cluster key, JSON Web Tokens), what they may do
 * (roles and the seed's RBAC rules), and where what they did is written.
 */
record MasterAccess(AuthenticationUseCase authentication, AccessPolicy policy, AuditLog audit)
    implements AutoCloseable {

  /**
   * {@code delegationTokens} first, when callers have any credential to ask tokens with: it knows
   * its tokens by their prefix and leaves every other bearer to the rest.
   */
  static MasterAccess of(MasterSecurity security, CredentialVerifier delegationTokens) {
    AuditLog audit = trail(security.audit());
    List<CredentialVerifier> verifiers = new ArrayList<>();

    security.apiKeysFile().ifPresent(file -> verifiers.add(ApiKeyFile.open(file)));
    if (!security.seedApiKeys().isEmpty()) {
      // The seed's meaning: with no RBAC rule, every key holder may do everything but act as a
      // node; with rules, only what they grant.
      verifiers.add(SeedApiKeys.of(security.seedApiKeys(), seedRoles(security)));
    }
    security.clusterKey().ifPresent(key -> verifiers.add(ClusterKey.of(key)));
    // Last: only a bearer shaped like a token reaches it, and it refuses one it cannot verify.
    // A token without the roles claim means what a seed API key means: everything while no RBAC
    // rule is set (the seed gave every token holder every permission), only the rules' grants
    // otherwise.
    security
        .jwt()
        .ifPresent(
            jwt ->
                verifiers.add(
                    JwtVerifier.create(jwt, seedRoles(security), InstantSource.system())));
    if (!verifiers.isEmpty()) {
      verifiers.addFirst(delegationTokens);
    }
    if (!security.enforced()) {
      return new MasterAccess(
          Authentications.off(verifiers), AccessPolicy.fixed(AccessRules.off()), audit);
    }
    AccessRules rules = AccessRules.of(security.rbacJson().map(RbacRules::parse).orElse(List.of()));
    return new MasterAccess(Authentications.enforcing(verifiers), AccessPolicy.fixed(rules), audit);
  }

  private static AuditLog trail(AuditConfig config) {
    return AuditTrails.open(config);
  }

  @Override
  public void close() {
    AuditTrails.close(audit);
  }

  /** The roles of the seed's credentials, which name no role. */
  private static Set<Role> seedRoles(MasterSecurity security) {
    return security.rbacJson().isEmpty() ? Set.of(Role.ADMIN) : Set.of();
  }
}
