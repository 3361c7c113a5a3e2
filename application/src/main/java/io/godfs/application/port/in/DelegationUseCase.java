package io.godfs.application.port.in;

import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Delegation;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import java.time.Duration;
import java.time.Instant;

/**
 * Delegation tokens (ADR 0022): a user asks a master for a token that lets whoever holds it do one
 * operation on one file in that user's name until it expires, as a presigned URL carries it.
 */
public interface DelegationUseCase {

  /**
   * A token for {@code operation} on {@code path} ({@code contentLength}: the exact body of a
   * write, -1 for a read) living {@code lifetime} (at most {@link Delegation#MAX_LIFETIME}).
   * PERMISSION_DENIED naming the permission and path when the caller does not hold it there now, or
   * is no user (a delegation token cannot issue another); CONFLICT when this cluster has security
   * off (it authenticates no one, so there is no one to act for).
   */
  Outcome<Issued> issue(
      Caller caller,
      DfsPath path,
      Delegation.Operation operation,
      long contentLength,
      Duration lifetime);

  /** The token's text (a bearer credential: a secret), when it expires, and its key's id. */
  record Issued(String token, Instant expires, long keyId) {
    /** Never the token. */
    @Override
    public String toString() {
      return "delegation token (key " + keyId + ", expires " + expires + ")";
    }
  }
}
