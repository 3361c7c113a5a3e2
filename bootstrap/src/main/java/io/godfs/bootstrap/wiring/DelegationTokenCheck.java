package io.godfs.bootstrap.wiring;

import io.godfs.application.port.out.CredentialVerifier;
import io.godfs.application.shared.DelegationTokenCodec;
import java.util.Objects;

/**
 * The master's check of delegation tokens (ADR 0022) in its authentication chain, which is built
 * before the metadata store whose keys verify them: bound once the master's use cases exist, before
 * its port opens. Until then a delegation token is refused, saying so.
 */
final class DelegationTokenCheck implements CredentialVerifier {
  private volatile CredentialVerifier bound;

  void bind(CredentialVerifier verifier) {
    this.bound = Objects.requireNonNull(verifier, "verifier");
  }

  @Override
  public Verdict verify(String bearer) {
    if (!couldBe(bearer)) {
      return new Verdict.NotMine();
    }
    CredentialVerifier verifier = bound;
    return verifier == null
        ? new Verdict.Refused("delegation tokens are not checked yet: the master is starting")
        : verifier.verify(bearer);
  }

  @Override
  public String describe() {
    return "delegation tokens";
  }

  @Override
  public boolean couldBe(String bearer) {
    return DelegationTokenCodec.isOne(bearer);
  }
}
