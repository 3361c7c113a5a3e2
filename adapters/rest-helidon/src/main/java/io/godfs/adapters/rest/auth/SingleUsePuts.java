package io.godfs.adapters.rest.auth;

import java.time.Clock;
import java.util.HashSet;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * The signatures of presigned PUT URLs already used, each kept until its URL expires (after that
 * the URL is refused as expired anyway), so that a PUT URL uploads once. At most {@code max} are
 * kept: when that many unexpired PUT URLs have been used, further ones are refused until some
 * expire, rather than forgetting one that could then be replayed.
 */
final class SingleUsePuts {
  private record Used(String signature, long expiresAt) {}

  private final int max;
  private final Clock clock;
  private final Set<String> signatures = new HashSet<>();
  private final PriorityQueue<Used> byExpiry =
      new PriorityQueue<>((a, b) -> Long.compare(a.expiresAt, b.expiresAt));

  /** What a claim found. */
  enum Claim {
    FIRST_USE,
    ALREADY_USED,
    FULL
  }

  SingleUsePuts(int max, Clock clock) {
    this.max = max;
    this.clock = clock;
  }

  /** Marks {@code signature} (valid until {@code expiresAt}, epoch seconds) as used. */
  synchronized Claim claim(String signature, long expiresAt) {
    long now = clock.instant().getEpochSecond();
    while (!byExpiry.isEmpty() && byExpiry.peek().expiresAt <= now) {
      signatures.remove(byExpiry.poll().signature);
    }
    if (signatures.contains(signature)) {
      return Claim.ALREADY_USED;
    }
    if (signatures.size() >= max) {
      return Claim.FULL;
    }
    signatures.add(signature);
    byExpiry.add(new Used(signature, expiresAt));
    return Claim.FIRST_USE;
  }
}
