package io.godfs.domain.authority;

import static java.util.Objects.requireNonNull;

import io.godfs.domain.error.Outcome;
import java.time.Instant;

/**
 * A change to the certificate authority's replicated state, as data, stamped by the leader before
 * it is proposed (the CA key is made, and a token's hash computed, before: applying is
 * deterministic). {@link #applyTo} is the one transition every metadata store runs.
 */
public sealed interface AuthorityCommand<R> {

  Outcome<R> applyTo(AuthorityState state);

  Instant at();

  /** The cluster's CA keys, made by the leader on the first start; the first installed stays. */
  record Install(AuthorityKeys keys, Instant at) implements AuthorityCommand<AuthorityKeys> {
    public Install {
      requireNonNull(keys, "keys");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<AuthorityKeys> applyTo(AuthorityState state) {
      return state.install(keys);
    }
  }

  /** A new join token; answers the number of tokens remembered. */
  record AddJoinToken(JoinToken token, Instant at) implements AuthorityCommand<Long> {
    public AddJoinToken {
      requireNonNull(token, "token");
      requireNonNull(at, "at");
      if (token.used().isPresent()) {
        throw new IllegalArgumentException("a new join token is unused");
      }
    }

    @Override
    public Outcome<Long> applyTo(AuthorityState state) {
      return state.add(token, at);
    }
  }

  /** A join: uses the token with this hash, once, for a party of {@code role}. */
  record UseJoinToken(String hash, NodeRole role, Instant at)
      implements AuthorityCommand<JoinGrant> {
    public UseJoinToken {
      requireNonNull(hash, "hash");
      requireNonNull(role, "role");
      requireNonNull(at, "at");
    }

    @Override
    public Outcome<JoinGrant> applyTo(AuthorityState state) {
      return state.use(hash, role, at);
    }
  }
}
