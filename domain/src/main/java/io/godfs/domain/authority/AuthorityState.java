package io.godfs.domain.authority;

import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The replicated state of the embedded certificate authority, beside the namespace: the CA's keys
 * (once made) and the join tokens issued. Every metadata store applies {@link AuthorityCommand}s to
 * it in log order; the transitions depend only on the commands (their times were stamped by the
 * leader), so every replica holds the same state.
 *
 * <p>A used or expired token is kept for {@link #FORGET_AFTER} past its expiry, so that its refusal
 * can say why ("already used", "expired") rather than "unknown"; then it is forgotten.
 */
public final class AuthorityState {
  /** How long a token is remembered after it expired. */
  public static final Duration FORGET_AFTER = Duration.ofDays(1);

  /** A bound on the tokens outstanding, so a script in a loop cannot grow every snapshot. */
  public static final int MAX_TOKENS = 10_000;

  private Optional<AuthorityKeys> keys = Optional.empty();
  private final TreeMap<String, JoinToken> tokens = new TreeMap<>();

  public static AuthorityState empty() {
    return new AuthorityState();
  }

  /** A state restored from a snapshot. */
  public static AuthorityState restore(Optional<AuthorityKeys> keys, List<JoinToken> tokens) {
    AuthorityState state = new AuthorityState();
    state.keys = keys;
    tokens.forEach(t -> state.tokens.put(t.hash(), t));
    return state;
  }

  public Optional<AuthorityKeys> keys() {
    return keys;
  }

  /** The tokens remembered, ordered by hash (a snapshot writes them in this order). */
  public List<JoinToken> tokens() {
    return new ArrayList<>(tokens.values());
  }

  /**
   * Installs the CA keys unless the cluster has some already (two masters racing on a first start):
   * the first installed wins, and the answer is the keys in force.
   */
  Outcome<AuthorityKeys> install(AuthorityKeys proposed) {
    if (keys.isEmpty()) {
      keys = Optional.of(proposed);
    }
    return Outcome.ok(keys.get());
  }

  /** Remembers a new token; answers how many are remembered. */
  Outcome<Long> add(JoinToken token, Instant at) {
    forgetOld(at);
    if (keys.isEmpty()) {
      return Outcome.rejected(
          ErrorCode.CONFLICT,
          "the cluster has no certificate authority yet (start the masters with GODFS_CA_ENABLED=1)");
    }
    if (!token.expires().isAfter(at)) {
      return Outcome.rejected(ErrorCode.INVALID_ARGUMENT, "a join token must expire after now");
    }
    if (tokens.size() >= MAX_TOKENS) {
      return Outcome.rejected(
          ErrorCode.CONFLICT, MAX_TOKENS + " join tokens are outstanding; wait until some expire");
    }
    if (tokens.putIfAbsent(token.hash(), token) != null) {
      return Outcome.rejected(ErrorCode.ALREADY_EXISTS, "this join token exists already");
    }
    return Outcome.ok((long) tokens.size());
  }

  /**
   * Uses a token, once: refused when unknown, used, expired, or for another role (a wrong role does
   * not use it up: the operator may start the right kind of node with it).
   */
  Outcome<JoinGrant> use(String hash, NodeRole role, Instant at) {
    forgetOld(at);
    JoinToken token = tokens.get(hash);
    if (token == null) {
      return refused("unknown join token (mistyped, never issued, or expired long ago)");
    }
    if (token.used().isPresent()) {
      return refused("join token already used at " + token.used().get());
    }
    if (!at.isBefore(token.expires())) {
      return refused("join token expired at " + token.expires());
    }
    if (token.role() != role) {
      return refused("join token admits a " + token.role().label() + ", not a " + role.label());
    }
    tokens.put(hash, token.usedAt(at));
    return Outcome.ok(new JoinGrant(token.role(), token.name()));
  }

  private void forgetOld(Instant at) {
    tokens.values().removeIf(t -> t.expires().plus(FORGET_AFTER).isBefore(at));
  }

  private static <T> Outcome<T> refused(String why) {
    return Outcome.rejected(ErrorCode.UNAUTHENTICATED, why);
  }
}
