package io.godfs.application.client;

import io.godfs.domain.file.Namespace;
import java.time.Duration;
import java.util.Objects;

/**
 * Client-side knobs. {@code maxPiecesInFlight} bounds unacknowledged 1 MiB pieces per write stream
 * (memory and back-pressure); {@code ackTimeout} bounds every wait on a pipeline; {@code
 * localReads} lets a client read replicas on its own machine straight from their files
 * (short-circuit reads, verified by the same CRCs); {@code minWriteReplicas}: a write whose
 * pipeline lost replicas goes on with the survivors as long as at least this many remain (HDFS's
 * dfs.namenode.replication.min; the master re-replicates afterwards). {@code inlineMaxBytes}: a
 * file written whole in at most this many bytes keeps them in the namespace instead of a chunk (one
 * master call, no pipeline: ADR 0016); 0 turns that off; at most {@link
 * Namespace#MAX_INLINE_LENGTH}.
 */
public record ClientSettings(
    int maxPiecesInFlight,
    Duration ackTimeout,
    boolean localReads,
    int minWriteReplicas,
    int inlineMaxBytes) {
  public static final ClientSettings DEFAULTS =
      new ClientSettings(16, Duration.ofSeconds(60), true, 1, Namespace.MAX_INLINE_LENGTH);

  public ClientSettings {
    if (maxPiecesInFlight < 1 || maxPiecesInFlight > 256) {
      throw new IllegalArgumentException(
          "maxPiecesInFlight : " + maxPiecesInFlight + " (expected: 1-256)");
    }
    Objects.requireNonNull(ackTimeout, "ackTimeout");
    if (minWriteReplicas < 1 || minWriteReplicas > 16) {
      throw new IllegalArgumentException(
          "minWriteReplicas : " + minWriteReplicas + " (expected: 1-16)");
    }
    if (inlineMaxBytes < 0 || inlineMaxBytes > Namespace.MAX_INLINE_LENGTH) {
      throw new IllegalArgumentException(
          "inlineMaxBytes : "
              + inlineMaxBytes
              + " (expected: 0-"
              + Namespace.MAX_INLINE_LENGTH
              + ")");
    }
  }

  public ClientSettings(
      int maxPiecesInFlight, Duration ackTimeout, boolean localReads, int minWriteReplicas) {
    this(maxPiecesInFlight, ackTimeout, localReads, minWriteReplicas, Namespace.MAX_INLINE_LENGTH);
  }

  public ClientSettings(int maxPiecesInFlight, Duration ackTimeout, boolean localReads) {
    this(maxPiecesInFlight, ackTimeout, localReads, 1, Namespace.MAX_INLINE_LENGTH);
  }

  public ClientSettings withLocalReads(boolean enabled) {
    return new ClientSettings(
        maxPiecesInFlight, ackTimeout, enabled, minWriteReplicas, inlineMaxBytes);
  }

  public ClientSettings withMinWriteReplicas(int replicas) {
    return new ClientSettings(maxPiecesInFlight, ackTimeout, localReads, replicas, inlineMaxBytes);
  }

  public ClientSettings withInlineMaxBytes(int bytes) {
    return new ClientSettings(maxPiecesInFlight, ackTimeout, localReads, minWriteReplicas, bytes);
  }
}
