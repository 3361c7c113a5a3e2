package io.godfs.application.port.out;

import io.godfs.domain.access.Principal;

/**
 * One kind of credential goDFS accepts (API keys, signed tokens), checking a bearer value presented
 * by a caller. Implementations compare secrets in constant time and never log them.
 */
public interface CredentialVerifier {

  /** What this verifier makes of {@code bearer}. */
  Verdict verify(String bearer);

  /** A short name for refusals and logs, e.g. {@code api keys (/etc/godfs/keys)}. */
  String describe();

  /**
   * Whether {@code bearer} could be a credential of this kind at all (by its shape, not whether it
   * is valid): a refusal of a credential no verifier knows lists only the kinds it could have been.
   * By default, any bearer could be.
   */
  default boolean couldBe(String bearer) {
    return true;
  }

  /** Accepted (the principal), refused (why, never the secret), or not of this kind. */
  sealed interface Verdict {
    record Accepted(Principal principal) implements Verdict {}

    record Refused(String reason) implements Verdict {}

    record NotMine() implements Verdict {}
  }
}
