package io.godfs.application.port.out;

/**
 * A master's view of its metadata log and group, read at once (ADR 0023): what {@code godfs_raft_*}
 * exports. A master with metadata in memory has no log: it is its group's one voter, with nothing
 * applied, snapshotted or stored ({@link #sole}).
 *
 * @param commitIndex the last log index this master knows committed
 * @param appliedIndex the last log index this master applied to its state
 * @param snapshotIndex the log index of this master's newest snapshot; 0 without one
 * @param snapshotBytes the size of that snapshot's file(s); 0 without one
 * @param logBytes the size of the log's segment files on this master's disk
 * @param voters the masters of the current configuration that vote
 * @param servers every member of the current configuration (voters and listeners)
 */
public record RaftStatus(
    long commitIndex,
    long appliedIndex,
    long snapshotIndex,
    long snapshotBytes,
    long logBytes,
    int voters,
    int servers) {

  /** A master without a log: one voter, nothing applied or stored. */
  public static RaftStatus sole(long commitIndex) {
    return new RaftStatus(commitIndex, commitIndex, 0, 0, 0, 1, 1);
  }
}
