package io.godfs.adapters.telemetry;

import io.godfs.application.port.out.Leadership;
import io.godfs.application.port.out.RaftStatus;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A master's view of its metadata group, read at scrape time (ADR 0023): whether it leads, the term
 * it is in, its commit index, how many committed entries it has not applied yet, and how many
 * changes of leader it has seen, and from {@link Leadership#status()} its applied index, newest
 * snapshot, log size and the group's voters and servers. Every master exports these, so an election
 * or a lagging follower shows on its own series; a master with metadata in memory always leads, in
 * term 0.
 */
final class LeadershipCollector implements MultiCollector {
  static final String IS_LEADER = "godfs_raft_is_leader";
  static final String TERM = "godfs_raft_term";
  static final String APPLY_LAG = "godfs_raft_apply_lag_entries";
  static final String COMMIT_INDEX = "godfs_raft_commit_index";
  static final String LEADER_CHANGES = "godfs_raft_leader_changes";
  static final String APPLIED_INDEX = "godfs_raft_applied_index";
  static final String SNAPSHOT_INDEX = "godfs_raft_snapshot_index";
  static final String SNAPSHOT_BYTES = "godfs_raft_snapshot_bytes";
  static final String LOG_BYTES = "godfs_raft_log_bytes";
  static final String VOTERS = "godfs_raft_cluster_voters";
  static final String SERVERS = "godfs_raft_cluster_servers";

  private final Leadership leadership;

  /** Leader changes this master has seen since it started (elections, hand-overs). */
  private final AtomicLong leaderChanges = new AtomicLong();

  LeadershipCollector(Leadership leadership) {
    this.leadership = leadership;
    leadership.onChange(leaderChanges::incrementAndGet);
  }

  @Override
  public MetricSnapshots collect() {
    RaftStatus status = leadership.status();
    return new MetricSnapshots(
        gauge(
            APPLIED_INDEX,
            "the last metadata log index this master applied",
            status.appliedIndex()),
        gauge(
            SNAPSHOT_INDEX,
            "the log index of this master's newest metadata snapshot (0: none)",
            status.snapshotIndex()),
        gauge(
            SNAPSHOT_BYTES,
            "the size of this master's newest metadata snapshot",
            status.snapshotBytes()),
        gauge(
            LOG_BYTES,
            "the size of this master's metadata log segments on disk (read at most every 5 s)",
            status.logBytes()),
        gauge(VOTERS, "voting masters in the metadata group's configuration", status.voters()),
        gauge(
            SERVERS,
            "members of the metadata group's configuration, voters and listeners",
            status.servers()),
        gauge(
            IS_LEADER,
            "1 while this master leads its metadata group",
            leadership.isLeader() ? 1 : 0),
        gauge(
            TERM, "the Raft term this master is in (grows with every election)", leadership.term()),
        gauge(
            APPLY_LAG,
            "committed metadata log entries this master has not applied yet",
            leadership.entriesToApply()),
        gauge(
            COMMIT_INDEX,
            "the last metadata log index this master knows committed",
            leadership.commitIndex()),
        CounterSnapshot.builder()
            .name(LEADER_CHANGES)
            .help("changes of leader this master has seen since it started")
            .dataPoint(CounterDataPointSnapshot.builder().value(leaderChanges.get()).build())
            .build());
  }

  private static GaugeSnapshot gauge(String name, String help, double value) {
    return GaugeSnapshot.builder()
        .name(name)
        .help(help)
        .dataPoint(GaugeDataPointSnapshot.builder().value(value).build())
        .build();
  }

  @Override
  public List<String> getPrometheusNames() {
    return List.of(
        IS_LEADER,
        TERM,
        APPLY_LAG,
        COMMIT_INDEX,
        LEADER_CHANGES,
        APPLIED_INDEX,
        SNAPSHOT_INDEX,
        SNAPSHOT_BYTES,
        LOG_BYTES,
        VOTERS,
        SERVERS);
  }
}
