package io.godfs.application.master;

import io.godfs.application.port.in.ReservedPaths;
import io.godfs.application.port.in.TrashEntry;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.file.Removed;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The leader's purge of the trash (ADR 0024), a duty of its maintenance round: deletes, oldest
 * first, the entries whose grace period has ended, each with an ordinary recursive delete, so their
 * chunks go through the deletion queue as any deleted file's do. Entries are named by their
 * deletion time, so the scan stops at the first one not due yet, and the next check waits until
 * that one is (or a minute, or until a delete notes an earlier one). A bounded amount per round.
 * With the trash turned off, whatever it still holds is due at once.
 */
final class TrashPurge {
  private static final Logger LOG = System.getLogger(TrashPurge.class.getName());

  /** Entries purged per round at most: each is one replicated delete. */
  static final int PER_ROUND = 100;

  /** Names looked at per round at most (entries and whatever else the folder holds). */
  static final int SCAN_PER_ROUND = 1000;

  /** The longest wait between two checks: a new leader, or deletes this master did not note. */
  static final Duration IDLE_CHECK = Duration.ofMinutes(1);

  private final MetadataStore store;
  private final ClusterState cluster;
  private final InstantSource clock;
  private final Duration grace;
  private final AtomicReference<Instant> nextCheck = new AtomicReference<>(Instant.MIN);

  TrashPurge(MetadataStore store, ClusterState cluster, InstantSource clock, Duration grace) {
    this.store = store;
    this.cluster = cluster;
    this.clock = clock;
    this.grace = grace;
  }

  /** A delete moved a path to the trash, due for purging at {@code purgeAt}. */
  void noteEntry(Instant purgeAt) {
    earliest(purgeAt);
  }

  /** A new term: check at the next round, whatever an earlier term planned. */
  void forget() {
    nextCheck.set(Instant.MIN);
  }

  /** Purges what is due, if a check is due; returns how many entries went. */
  int runOnce() {
    Instant now = clock.instant();
    if (now.isBefore(nextCheck.get())) {
      return 0;
    }
    // Set before the scan: an entry noted from here on makes the next check earlier still.
    nextCheck.set(now.plus(IDLE_CHECK));
    try {
      return purgeDue(now);
    } catch (RuntimeException e) {
      earliest(now); // the store failed (no quorum, not the leader): try again next round
      throw e;
    }
  }

  private int purgeDue(Instant now) {
    int purged = 0;
    int scanned = 0;
    String after = null;
    while (true) {
      if (!(store.query(new NamespaceQuery.ListDirectory(ReservedPaths.TRASH, after, PER_ROUND))
          instanceof Outcome.Ok<Listing> listed)) {
        return purged; // no trash yet
      }
      Listing page = listed.value();
      for (FileStatus name : page.entries()) {
        scanned++;
        Optional<TrashEntry.Id> id = TrashEntry.Id.parse(name.path().name());
        if (id.isEmpty()) {
          continue; // not an entry: never the purge's to delete
        }
        Instant due = id.get().deletedAt().plus(grace);
        if (due.isAfter(now)) {
          earliest(due);
          return purged;
        }
        if (purged == PER_ROUND) {
          earliest(now);
          return purged;
        }
        if (purge(name, now)) {
          purged++;
        }
      }
      if (!page.hasMore() || page.entries().isEmpty()) {
        return purged;
      }
      if (scanned >= SCAN_PER_ROUND) {
        earliest(now);
        return purged;
      }
      after = page.entries().getLast().path().name();
    }
  }

  private boolean purge(FileStatus entry, Instant now) {
    Outcome<Removed> removed =
        store.execute(new NamespaceCommand.Delete(entry.path(), true, now), MasterSelf.CALLER);
    return switch (removed) {
      case Outcome.Ok<Removed> ok -> {
        ok.value().chunks().forEach(chunk -> cluster.release(chunk, now));
        LOG.log(
            Level.DEBUG,
            "purged trash entry {0}: {1} files, {2} chunks to delete",
            entry.path().name(),
            ok.value().files(),
            ok.value().chunks().size());
        yield true;
      }
      case Outcome.Rejected<Removed> refused -> {
        // Gone already (a restore emptied it): nothing to purge.
        LOG.log(
            Level.DEBUG,
            "trash entry {0} not purged: {1}",
            entry.path().name(),
            refused.error().message());
        yield false;
      }
    };
  }

  private void earliest(Instant at) {
    nextCheck.accumulateAndGet(
        at, (current, offered) -> offered.isBefore(current) ? offered : current);
  }
}
