package io.godfs.bootstrap.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A master of a replicated metadata group (the seed's Raft variables).
 *
 * @param nodeId this master's id in the group
 * @param raftAddress host:port this master's Raft listens on and its peers reach it at
 * @param dir where the Raft log and snapshots live
 * @param peers every master, {@code id@raftHost:port[@clientHost:port]}, this one included
 * @param bootstrap form a new group when {@code dir} is empty (one time, on every first master)
 * @param clientAddress host:port clients reach this master at, named by followers' redirects
 * @param electionTimeout how long a follower hears nothing from the leader before it stands for
 *     election (randomised up to twice that); the bulk of a failover's stall
 */
public record RaftConfig(
    String nodeId,
    String raftAddress,
    Path dir,
    List<String> peers,
    boolean bootstrap,
    String clientAddress,
    Duration electionTimeout) {
  /**
   * 0.5-1 s: a killed leader is replaced within about 1-2 s even when the first election splits and
   * starts over (measured: docs/benchmarks.md, "Leader failover"). Pre-vote keeps a follower that
   * merely missed heartbeats from unseating a live leader, so a shorter timeout does not cause
   * needless elections.
   */
  public static final Duration DEFAULT_ELECTION_TIMEOUT = Duration.ofMillis(500);

  public RaftConfig(
      String nodeId,
      String raftAddress,
      Path dir,
      List<String> peers,
      boolean bootstrap,
      String clientAddress) {
    this(nodeId, raftAddress, dir, peers, bootstrap, clientAddress, DEFAULT_ELECTION_TIMEOUT);
  }

  public RaftConfig {
    Objects.requireNonNull(nodeId, "nodeId");
    Objects.requireNonNull(raftAddress, "raftAddress");
    Objects.requireNonNull(dir, "dir");
    peers = List.copyOf(peers);
    Objects.requireNonNull(clientAddress, "clientAddress");
    Objects.requireNonNull(electionTimeout, "electionTimeout");
  }
}
