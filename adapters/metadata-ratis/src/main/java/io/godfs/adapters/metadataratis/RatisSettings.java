package io.godfs.adapters.metadataratis;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How one master joins the replicated metadata group.
 *
 * @param self this master (its Raft address is where it listens)
 * @param peers every master of the group at bootstrap, this one included
 * @param dir where this master keeps its Raft log and snapshots
 * @param bootstrap form a new group from {@code peers} when {@code dir} holds no state yet; without
 *     it an empty master starts with no group and waits to be added ({@code godfs admin masters
 *     add})
 * @param requestTimeout how long a mutation may wait for a quorum before failing as unavailable
 * @param snapshotEvery take a snapshot (and compact the log) after this many log entries
 * @param electionTimeout the shortest time without a leader before a master stands for election
 * @param logSegmentBytes the size at which a log segment is closed and a new one started; only
 *     whole closed segments are purged after a snapshot (0 = Ratis's default, 32 MB)
 * @param tls mutual TLS between the masters' Raft servers; empty = plaintext (security off)
 */
public record RatisSettings(
    MasterPeer self,
    List<MasterPeer> peers,
    Path dir,
    boolean bootstrap,
    Duration requestTimeout,
    long snapshotEvery,
    Duration electionTimeout,
    long logSegmentBytes,
    Optional<RatisTls> tls) {
  public RatisSettings {
    Objects.requireNonNull(tls, "tls");
    Objects.requireNonNull(self, "self");
    peers = List.copyOf(peers);
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(electionTimeout, "electionTimeout");
    if (logSegmentBytes < 0) {
      throw new IllegalArgumentException(
          "logSegmentBytes : " + logSegmentBytes + " (expected: >= 0)");
    }
    if (snapshotEvery < 1) {
      throw new IllegalArgumentException("snapshotEvery : " + snapshotEvery + " (expected: >= 1)");
    }
  }

  /**
   * Defaults: 10 s per mutation (the seed's apply timeout), a snapshot every 100,000 entries (ADR
   * 0011), 0.5-1 s elections.
   */
  public static RatisSettings of(
      MasterPeer self, List<MasterPeer> peers, Path dir, boolean bootstrap) {
    return new RatisSettings(
        self,
        peers,
        dir,
        bootstrap,
        Duration.ofSeconds(10),
        100_000,
        Duration.ofMillis(500),
        0,
        Optional.empty());
  }

  /**
   * The log entries after which this master snapshots: {@code snapshotEvery}, plus a share of it by
   * this master's place among the group's ids (0, 1/6, 1/3 of it for three masters), so the masters
   * do not all snapshot at the same index. Writing a snapshot stops a master's applies; all three
   * at once stopped the whole group for longer than a client waits (ADR 0030, growth), while one
   * follower at a time leaves a quorum that goes on.
   */
  public long snapshotThreshold() {
    List<String> ids =
        Stream.concat(peers.stream(), Stream.of(self))
            .map(MasterPeer::id)
            .distinct()
            .sorted()
            .toList();
    return snapshotEvery + snapshotEvery * ids.indexOf(self.id()) / (2L * ids.size());
  }

  public RatisSettings withSnapshotEvery(long entries) {
    return new RatisSettings(
        self,
        peers,
        dir,
        bootstrap,
        requestTimeout,
        entries,
        electionTimeout,
        logSegmentBytes,
        tls);
  }

  public RatisSettings withRequestTimeout(Duration timeout) {
    return new RatisSettings(
        self, peers, dir, bootstrap, timeout, snapshotEvery, electionTimeout, logSegmentBytes, tls);
  }

  /** Small segments let a test compact the log, so that a lagging follower must take a snapshot. */
  public RatisSettings withLogSegmentBytes(long bytes) {
    return new RatisSettings(
        self, peers, dir, bootstrap, requestTimeout, snapshotEvery, electionTimeout, bytes, tls);
  }

  public RatisSettings withElectionTimeout(Duration timeout) {
    return new RatisSettings(
        self, peers, dir, bootstrap, requestTimeout, snapshotEvery, timeout, logSegmentBytes, tls);
  }

  /** The same, with mutual TLS between the masters' Raft servers. */
  public RatisSettings withTls(RatisTls mutualTls) {
    return new RatisSettings(
        self,
        peers,
        dir,
        bootstrap,
        requestTimeout,
        snapshotEvery,
        electionTimeout,
        logSegmentBytes,
        Optional.of(mutualTls));
  }
}
