package io.godfs.application.master;

import io.godfs.application.port.out.MetadataStore;
import io.godfs.application.shared.StagedNames;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.IndexedChunk;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.domain.file.OpenFile;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Set;

/**
 * Recovers the files of writers whose leases expired (HDFS lease recovery). A file keeps every
 * chunk its writer committed. A chunk whose write was granted but never committed on the master is
 * adopted when live replicas report that version committed: the replicas publish a write only once
 * every replica below them fsynced it, so any replica holding the granted version holds the whole
 * write, and all of them hold the same bytes. Otherwise the chunk keeps its last committed version
 * and length: nothing the writer was told is durable is lost. Then the lease is released.
 */
final class LeaseRecovery {
  private static final Logger LOG = System.getLogger(LeaseRecovery.class.getName());
  private final MetadataStore store;
  private final ClusterState cluster;
  private final LeaseClock leases;
  private final InstantSource clock;
  private final MasterSettings settings;

  LeaseRecovery(
      MetadataStore store,
      ClusterState cluster,
      LeaseClock leases,
      InstantSource clock,
      MasterSettings settings) {
    this.store = store;
    this.cluster = cluster;
    this.leases = leases;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Recovers every file of every writer silent for longer than the lease timeout; returns how many
   * files.
   */
  int recoverExpired() {
    Instant now = clock.instant();
    Set<LeaseHolder.Client> holders = store.query(new NamespaceQuery.Writers()).orThrow();
    int recovered = 0;
    for (LeaseHolder.Client writer : leases.expired(holders, now, settings.leaseTimeout())) {
      List<OpenFile> files = store.query(new NamespaceQuery.OpenFiles(writer)).orThrow();
      for (OpenFile file : files) {
        recover(file, now);
        recovered++;
      }
      leases.forget(writer);
    }
    return recovered;
  }

  private void recover(OpenFile file, Instant now) {
    for (IndexedChunk pending : file.pendingChunks()) {
      var granted = pending.chunk().grantedVersion();
      var finished = cluster.replicasAt(pending.chunk().id(), granted, now, settings.deadAfter());
      if (!finished.isEmpty()) {
        long length = finished.stream().mapToLong(ClusterState.Replica::length).min().orElseThrow();
        store.execute(
            new NamespaceCommand.AdoptChunk(
                file.fileId(), pending.index(), pending.chunk().id(), granted, length, now),
            MasterSelf.CALLER);
      }
    }
    store.execute(new NamespaceCommand.RecoverLease(file.fileId(), now), MasterSelf.CALLER);
    LOG.log(Level.INFO, "recovered {0}: the lease of {1} expired", file.path(), file.writer());
    if (StagedNames.isStagedName(file.path().name())) {
      dropAbandonedUpload(file, now);
    }
  }

  /**
   * A staged upload whose writer died holds nothing anyone was told is stored (the upload never
   * renamed it into place): deleted, so a killed {@code put} leaves the old file, or nothing.
   */
  private void dropAbandonedUpload(OpenFile file, Instant at) {
    Outcome<FileStatus> now = store.query(new NamespaceQuery.Stat(file.path()));
    if (now instanceof Outcome.Ok<FileStatus> ok && ok.value().fileId().equals(file.fileId())) {
      store.execute(new NamespaceCommand.Delete(file.path(), false, at), MasterSelf.CALLER);
      LOG.log(Level.INFO, "deleted {0}: an upload abandoned by {1}", file.path(), file.writer());
    }
  }
}
