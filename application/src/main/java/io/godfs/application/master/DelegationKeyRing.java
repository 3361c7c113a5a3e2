package io.godfs.application.master;

import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.Delegation;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The keys of delegation tokens in the replicated metadata (ADR 0022), as the chunk keys are kept
 * ({@link ChunkTokenIssuer}) but in a ring of their own that never leaves the masters. The first
 * token asked for makes the first key; a key signs for {@link #ROTATION} and lives two rotations
 * plus the longest token lifetime, so every token it signed expires before it is dropped. The keys
 * read are kept here; a key id this master has not seen (another leader made it) reads them again,
 * at most once a second whatever asks, so a flood of made-up key ids costs no more.
 */
final class DelegationKeyRing {
  private static final Logger LOG = System.getLogger(DelegationKeyRing.class.getName());
  static final Duration ROTATION = Duration.ofDays(1);
  static final Duration KEY_LIFETIME = ROTATION.multipliedBy(2).plus(Delegation.MAX_LIFETIME);
  private static final Duration REREAD_AT_MOST_EVERY = Duration.ofSeconds(1);

  private final MetadataStore store;
  private final InstantSource clock;
  private final RandomGenerator random;
  private volatile List<ChunkAccessKey> keys;
  private volatile Instant lastRead = Instant.MIN;

  DelegationKeyRing(MetadataStore store, InstantSource clock, RandomGenerator random) {
    this.store = store;
    this.clock = clock;
    this.random = random;
  }

  /** The key to sign with now, made (through the log) when there is none or it is due. */
  synchronized Optional<ChunkAccessKey> signingKey() {
    Instant now = clock.instant();
    List<ChunkAccessKey> known = keys == null ? read(now) : keys;
    ChunkAccessKey newest = known == null || known.isEmpty() ? null : known.getLast();
    if (newest != null && now.isBefore(newest.created().plus(ROTATION))) {
      return Optional.of(newest);
    }
    byte[] secret = new byte[ChunkTokenIssuer.SECRET_BYTES];
    random.nextBytes(secret);
    ChunkAccessKey fresh =
        new ChunkAccessKey(
            newest == null ? 1 : newest.id() + 1, secret, now, now.plus(KEY_LIFETIME));
    try {
      Outcome<Long> added =
          store.execute(new NamespaceCommand.AddDelegationKey(fresh, now), MasterSelf.CALLER);
      if (added instanceof Outcome.Rejected<Long> rejected) {
        LOG.log(Level.WARNING, "delegation key not added: {0}", rejected.error().message());
      }
    } catch (RuntimeException e) {
      // Not the leader any more, or no quorum: the newest key signs until its rotation is long
      // past; a token never outlives its key, which lives a whole token lifetime past that.
      LOG.log(Level.WARNING, "delegation key not added: {0}", e.getMessage());
    }
    List<ChunkAccessKey> after = read(now);
    ChunkAccessKey best = after == null || after.isEmpty() ? newest : after.getLast();
    return best == null || best.expiredAt(now.plus(Delegation.MAX_LIFETIME))
        ? Optional.empty()
        : Optional.of(best);
  }

  /** The key {@code id}, read again from the store if this master has not seen it yet. */
  Optional<ChunkAccessKey> key(long id) {
    Optional<ChunkAccessKey> found = find(keys, id);
    if (found.isPresent()) {
      return found;
    }
    synchronized (this) {
      Instant now = clock.instant();
      if (keys == null || now.isAfter(lastRead.plus(REREAD_AT_MOST_EVERY))) {
        return find(read(now), id);
      }
      return find(keys, id);
    }
  }

  /** A new term: another leader may have made keys. */
  void forget() {
    keys = null;
  }

  private static Optional<ChunkAccessKey> find(List<ChunkAccessKey> known, long id) {
    if (known == null) {
      return Optional.empty();
    }
    return known.stream().filter(k -> k.id() == id).findFirst();
  }

  private List<ChunkAccessKey> read(Instant now) {
    lastRead = now;
    try {
      List<ChunkAccessKey> read = store.query(new NamespaceQuery.DelegationKeys()).orThrow();
      keys = read;
      return read;
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "delegation keys not readable: {0}", e.getMessage());
      return keys;
    }
  }
}
