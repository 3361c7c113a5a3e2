package io.godfs.domain.lease;

/** The answer to a lease request. */
public sealed interface LeaseDecision {
  record Granted(Lease lease) implements LeaseDecision {}

  /** Someone else writes the file; {@code lease} says who and until when. */
  record HeldBy(Lease lease) implements LeaseDecision {}
}
