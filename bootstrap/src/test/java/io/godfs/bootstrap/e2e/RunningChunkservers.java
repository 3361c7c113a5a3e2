package io.godfs.bootstrap.e2e;

import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The chunkservers of a {@link TestCluster} that a chaos test kills and restarts, as the test
 * itself knows them: which run (and since when), and what each one's disk holds. This is the ground
 * truth a failed read is judged against, not the master's view, which is under test. A node counts
 * as running from the moment it has registered with the master (its full chunk report included)
 * until the moment before it is closed, so the record never claims more than was true.
 */
final class RunningChunkservers {
  /** The {@link #runs} entry of a stopped node. */
  private static final long DOWN = 0;

  private final TestCluster cluster;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();

  /**
   * Per node: a number unique to its current run, so that a restart between two looks shows; or
   * {@link #DOWN}.
   */
  private final long[] runs;

  private final List<NodeId> ids = new ArrayList<>();
  private long starts;

  RunningChunkservers(TestCluster cluster) {
    this.cluster = cluster;
    this.runs = new long[cluster.chunkservers().size()];
    for (int i = 0; i < runs.length; i++) {
      runs[i] = ++starts; // the cluster waited for every node to register
      ids.add(cluster.chunkservers().get(i).location().id());
    }
  }

  /** Node {@code i}'s id, as the master names it. */
  NodeId id(int i) {
    return ids.get(i);
  }

  /** Stops node {@code i} (abruptly, as a crash would), after marking it down. */
  void kill(int i) {
    lock.writeLock().lock();
    try {
      runs[i] = DOWN;
      cluster.chunkservers().get(i).close();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** Starts node {@code i} again on its data and marks it running once the master registered it. */
  void restart(int i) {
    ChunkserverNode node;
    lock.writeLock().lock();
    try {
      node =
          cluster.restartChunkserver(i); // the list of nodes changes: not while observers read it
    } finally {
      lock.writeLock().unlock();
    }
    Waits.until(
        Duration.ofSeconds(20), node.location().id() + " to register again", node::isRegistered);
    lock.writeLock().lock();
    try {
      runs[i] = ++starts;
    } finally {
      lock.writeLock().unlock();
    }
  }

  int size() {
    return runs.length;
  }

  /** For each chunk, the running nodes whose disk holds its committed version whole, read now. */
  Observation observe(List<LocatedChunk> chunks) {
    lock.readLock().lock();
    try {
      List<Set<Integer>> holders = new ArrayList<>();
      for (LocatedChunk chunk : chunks) {
        Set<Integer> nodes = new HashSet<>();
        for (int i = 0; i < runs.length; i++) {
          if (runs[i] != DOWN) {
            Optional<StoredChunk> stored =
                cluster.chunkservers().get(i).store().describe(chunk.chunkId());
            if (stored.isPresent()
                && stored.get().version().equals(chunk.version())
                && stored.get().length() >= chunk.length()) {
              nodes.add(i);
            }
          }
        }
        holders.add(nodes);
      }
      return new Observation(runs.clone(), holders);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Null when some chunk (with bytes) of a read between {@code before} and {@code after} had no
   * replica the reader could always reach; else, for each chunk, the nodes that could serve it: the
   * master named them (in {@code chunks}, located before the read), their disks held the chunk
   * whole at both looks, and they ran throughout. Named by the master: a replica a node just
   * received by re-replication is reported at its next heartbeat, and until then no reader is sent
   * to it.
   */
  String servableThroughout(List<LocatedChunk> chunks, Observation before, Observation after) {
    List<Set<Integer>> live = before.liveThroughout(after);
    StringBuilder where = new StringBuilder();
    for (int c = 0; c < chunks.size(); c++) {
      LocatedChunk chunk = chunks.get(c);
      Set<NodeId> named = new HashSet<>();
      chunk.replicas().forEach(r -> named.add(r.id()));
      List<NodeId> servers =
          live.get(c).stream().map(this::id).filter(named::contains).sorted().toList();
      if (chunk.length() > 0 && servers.isEmpty()) {
        return null;
      }
      where
          .append("chunk ")
          .append(chunk.index())
          .append(" (")
          .append(chunk.chunkId())
          .append(' ')
          .append(chunk.version())
          .append(") on ")
          .append(servers)
          .append("; ");
    }
    return where.append("master named ").append(chunks).toString();
  }

  /** What {@link #observe} saw: each node's run (or down), each chunk's holders. */
  record Observation(long[] runs, List<Set<Integer>> holders) {
    /**
     * Per chunk, the nodes that held it whole both now and at {@code later} and ran without a
     * restart in between: replicas a reader between the two observations could always reach.
     */
    List<Set<Integer>> liveThroughout(Observation later) {
      List<Set<Integer>> live = new ArrayList<>();
      for (int c = 0; c < holders.size(); c++) {
        Set<Integer> nodes = new HashSet<>(holders.get(c));
        nodes.retainAll(later.holders().get(c));
        nodes.removeIf(i -> runs[i] == DOWN || runs[i] != later.runs()[i]);
        live.add(nodes);
      }
      return live;
    }
  }
}
