package io.godfs.application.master;

import io.godfs.application.port.in.DelegationUseCase;
import io.godfs.application.port.out.AccessPolicy;
import io.godfs.application.port.out.CredentialVerifier;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.application.shared.DelegationTokenCodec;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Delegation;
import io.godfs.domain.access.DelegationToken;
import io.godfs.domain.access.Permission;
import io.godfs.domain.access.Principal;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Issues delegation tokens to users who hold the permission they delegate (ADR 0022), and checks
 * them when they come back as a bearer credential ({@link #verifier()}): a token names its issuer
 * as the master authenticated them, and the master's access rules then allow only what the token
 * grants, and only while the issuer still holds it.
 */
final class DelegationService implements DelegationUseCase {
  private final DelegationKeyRing ring;
  private final InstantSource clock;
  private final Access access;
  private final AccessPolicy policy;

  DelegationService(
      MetadataStore store,
      InstantSource clock,
      RandomGenerator secrets,
      Access access,
      AccessPolicy policy) {
    this.ring = new DelegationKeyRing(store, clock, secrets);
    this.clock = clock;
    this.access = access;
    this.policy = policy;
  }

  @Override
  public Outcome<Issued> issue(
      Caller caller,
      DfsPath path,
      Delegation.Operation operation,
      long contentLength,
      Duration lifetime) {
    if (!policy.rules().enforced()) {
      return Outcome.rejected(
          ErrorCode.CONFLICT,
          "this cluster has security off: it authenticates no one, so it issues no delegation"
              + " tokens (a gateway over it signs presigned URLs itself with"
              + " GODFS_GATEWAY_PRESIGN_KEYS)");
    }
    if (lifetime.isNegative()
        || lifetime.isZero()
        || lifetime.compareTo(Delegation.MAX_LIFETIME) > 0) {
      return Outcome.rejected(
          ErrorCode.INVALID_ARGUMENT,
          "lifetime : "
              + lifetime.toSeconds()
              + " s (expected: 1 to "
              + Delegation.MAX_LIFETIME.toSeconds()
              + ")");
    }
    if (operation == Delegation.Operation.WRITE && contentLength < 0) {
      return Outcome.rejected(
          ErrorCode.INVALID_ARGUMENT,
          "content length : " + contentLength + " (expected: the exact body size of the write)");
    }
    Principal.User issuer;
    switch (caller.principal()) {
      case Principal.User u -> issuer = u;
      case Principal.Delegated d -> {
        return Outcome.rejected(
            ErrorCode.PERMISSION_DENIED,
            "permission denied: a delegation token cannot issue another (it grants "
                + d.delegation().describe()
                + ")");
      }
      default -> {
        return Outcome.rejected(
            ErrorCode.PERMISSION_DENIED,
            "permission denied: only a user may ask for a delegation token, not "
                + caller.principal().name());
      }
    }
    Permission needed = operation == Delegation.Operation.READ ? Permission.READ : Permission.WRITE;
    Outcome<Void> allowed = access.check(caller, needed, path);
    if (allowed instanceof Outcome.Rejected<Void> refused) {
      return Outcome.rejected(refused.error().code(), refused.error().message());
    }
    Optional<ChunkAccessKey> key = ring.signingKey();
    if (key.isEmpty()) {
      return Outcome.rejected(
          ErrorCode.UNAVAILABLE, "no delegation key could be made now (no quorum?): retry");
    }
    Instant now = clock.instant();
    Instant expires = now.plus(lifetime);
    if (expires.isAfter(key.get().expires())) {
      expires = key.get().expires();
    }
    Delegation delegation =
        operation == Delegation.Operation.READ
            ? Delegation.read(path, expires)
            : Delegation.write(path, contentLength, expires);
    String token =
        DelegationTokenCodec.sign(
            new DelegationToken(key.get().id(), issuer, delegation), key.get());
    return Outcome.ok(new Issued(token, expires, key.get().id()));
  }

  /** A new term: read the keys again. */
  void forget() {
    ring.forget();
  }

  /**
   * The credential check of delegation tokens, for the master's authentication chain: a bearer that
   * is not one is not its business; one that does not verify is refused saying why.
   */
  CredentialVerifier verifier() {
    return new CredentialVerifier() {
      @Override
      public Verdict verify(String bearer) {
        if (!couldBe(bearer)) {
          return new Verdict.NotMine();
        }
        Outcome<DelegationToken> checked =
            DelegationTokenCodec.verify(bearer, ring::key, clock.instant());
        return switch (checked) {
          case Outcome.Ok<DelegationToken> ok -> new Verdict.Accepted(ok.value().principal());
          case Outcome.Rejected<DelegationToken> r -> new Verdict.Refused(r.error().message());
        };
      }

      @Override
      public String describe() {
        return "delegation tokens";
      }

      @Override
      public boolean couldBe(String bearer) {
        return DelegationTokenCodec.isOne(bearer);
      }
    };
  }
}
