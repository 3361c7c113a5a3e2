package io.godfs.domain.access;

import java.util.Objects;

/**
 * The claims of a delegation token (ADR 0022): who asked for it ({@code issuer}, as the master
 * authenticated them), what it allows ({@code delegation}) and which key of the masters' ring
 * signed it. Its bytes and signature are the shared codec's business.
 */
public record DelegationToken(long keyId, Principal.User issuer, Delegation delegation) {
  public DelegationToken {
    Objects.requireNonNull(issuer, "issuer");
    Objects.requireNonNull(delegation, "delegation");
  }

  /** The principal a master takes the token's holder for. */
  public Principal.Delegated principal() {
    return new Principal.Delegated(issuer, delegation);
  }
}
