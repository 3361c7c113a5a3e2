package io.godfs.application.master;

import io.godfs.application.port.out.MetadataStore;
import io.godfs.application.shared.ChunkTokenCodec;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkAccessToken;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkOperation;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * Signs chunk access tokens with the newest key of the replicated metadata, and makes a new key
 * when the newest is due for rotation (ADR 0022). The key's bytes come from this master's random
 * source before the command is proposed, so every replica applies the same key.
 *
 * <p>A new key signs only once every live chunkserver has had it: chunkservers learn keys from the
 * master's register and heartbeat replies, and refuse a token whose key they do not hold (as HDFS's
 * DataNodes get the next block key a rotation before it signs).
 *
 * <p>The keys are read from the store once and then kept here (a query per token would cost a
 * ReadIndex round trip on Raft); a new term reads them again, since another leader may have added
 * some.
 */
final class ChunkTokenIssuer {
  private static final Logger LOG = System.getLogger(ChunkTokenIssuer.class.getName());

  /** Bytes of a new key: as many as HMAC-SHA256's output. */
  static final int SECRET_BYTES = 32;

  private final MetadataStore store;
  private final InstantSource clock;
  private final RandomGenerator random;
  private final ChunkTokenSettings settings;

  /** How long a new key waits before it signs: until every live chunkserver has been sent it. */
  private final Duration announce;

  /** Null until read from the store (and after a new term began). */
  private volatile List<ChunkAccessKey> keys;

  ChunkTokenIssuer(
      MetadataStore store,
      InstantSource clock,
      RandomGenerator random,
      ChunkTokenSettings settings,
      Duration announce) {
    this.announce = announce;
    this.store = store;
    this.clock = clock;
    this.random = random;
    this.settings = settings;
  }

  boolean issues() {
    return settings.issue();
  }

  /**
   * A token for {@code operations} on {@code chunk} at exactly {@code version}, naming {@code
   * principal}; {@link SignedChunkToken#NONE} when this master issues none (or has no key, which it
   * logs).
   */
  SignedChunkToken issue(
      ChunkId chunk, ChunkVersion version, Set<ChunkOperation> operations, String principal) {
    return issue(chunk, version, version, operations, principal);
  }

  /** A token for every version of {@code chunk} (deletions). */
  SignedChunkToken issueAnyVersion(
      ChunkId chunk, Set<ChunkOperation> operations, String principal) {
    return issue(
        chunk, ChunkVersion.FIRST, new ChunkVersion(Long.MAX_VALUE), operations, principal);
  }

  private SignedChunkToken issue(
      ChunkId chunk,
      ChunkVersion min,
      ChunkVersion max,
      Set<ChunkOperation> operations,
      String principal) {
    if (!settings.issue()) {
      return SignedChunkToken.NONE;
    }
    Instant now = clock.instant();
    ChunkAccessKey key = signer(current(now), now);
    if (key == null) {
      return SignedChunkToken.NONE;
    }
    Instant expires = now.plus(settings.lifetime());
    if (expires.isAfter(key.expires())) {
      expires = key.expires();
    }
    return ChunkTokenCodec.sign(
        new ChunkAccessToken(key.id(), chunk, min, max, operations, principal, expires), key);
  }

  /**
   * The keys chunkservers need: every key kept, oldest first (none when issuing none). Makes the
   * first key when there is none, so a chunkserver that registers holds every key that may sign.
   */
  List<ChunkAccessKey> keys() {
    return settings.issue() ? current(clock.instant()) : List.of();
  }

  /** A new term: read the keys again when next needed. */
  void forget() {
    keys = null;
  }

  /** Makes a new key when the newest is due for rotation (the maintenance round runs this). */
  void rotateIfDue() {
    if (settings.issue()) {
      current(clock.instant());
    }
  }

  /**
   * The key that signs at {@code now}: the newest one made at least {@link #announce} ago, which
   * every live chunkserver has been sent in a heartbeat reply; a younger one would be refused by
   * the nodes that have not heard of it yet. Only when no such key is valid (the first key of a
   * cluster) does a younger one sign: a chunkserver registers only once it holds the first key.
   */
  private ChunkAccessKey signer(List<ChunkAccessKey> known, Instant now) {
    ChunkAccessKey youngest = null;
    for (ChunkAccessKey key : known.reversed()) {
      if (key.expiredAt(now)) {
        continue; // a key past its expiry signs nothing; an overdue one still signs until then
      }
      if (!now.isBefore(key.created().plus(announce))) {
        return key;
      }
      if (youngest == null) {
        youngest = key;
      }
    }
    return youngest;
  }

  /**
   * The keys held, read from the store when not yet known, with a new one made when there is none
   * or the newest is due. Empty only when the store cannot be read or written (not the leader any
   * more, no quorum). Callers that find no key wait here while another caller makes the first.
   */
  private List<ChunkAccessKey> current(Instant now) {
    List<ChunkAccessKey> known = keys;
    if (known != null && !known.isEmpty() && !due(known.getLast(), now)) {
      return known;
    }
    synchronized (this) {
      known = keys;
      if (known == null) {
        known = read();
        if (known == null) {
          return List.of();
        }
      }
      ChunkAccessKey newest = known.isEmpty() ? null : known.getLast();
      if (newest != null && !due(newest, now)) {
        keys = known;
        return known;
      }
      ChunkAccessKey fresh = newKey(newest == null ? 1 : newest.id() + 1, now);
      try {
        Outcome<Long> added =
            store.execute(new NamespaceCommand.AddChunkAccessKey(fresh, now), MasterSelf.CALLER);
        if (added instanceof Outcome.Rejected<Long> rejected) {
          LOG.log(Level.WARNING, "chunk access key not added: {0}", rejected.error().message());
        } else {
          LOG.log(Level.INFO, "made {0}", fresh);
        }
      } catch (RuntimeException e) {
        // Not the leader any more, or no quorum: the newest key signs until it expires.
        LOG.log(Level.WARNING, "chunk access key not added: {0}", e.getMessage());
      }
      List<ChunkAccessKey> after = read();
      if (after != null) {
        known = after;
      }
      // Published only now: a caller must never be handed the empty list of a cluster whose first
      // key is being made (a chunkserver registering then would miss it).
      keys = known;
      return known;
    }
  }

  private boolean due(ChunkAccessKey newest, Instant now) {
    return !now.isBefore(newest.created().plus(settings.rotation()))
        || !now.plus(settings.lifetime()).isBefore(newest.expires());
  }

  private ChunkAccessKey newKey(long id, Instant now) {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    return new ChunkAccessKey(id, secret, now, now.plus(settings.keyLifetime()));
  }

  private List<ChunkAccessKey> read() {
    try {
      return store.query(new NamespaceQuery.ChunkAccessKeys()).orThrow();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "chunk access keys not readable: {0}", e.getMessage());
      return null;
    }
  }
}
