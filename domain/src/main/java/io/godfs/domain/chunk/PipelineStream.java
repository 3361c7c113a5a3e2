package io.godfs.domain.chunk;

/**
 * The sending half of a pipelined chunk write (client to primary, or replica to the next replica).
 * Asynchronous: calls do not wait for acknowledgements, which arrive on a {@link PipelineListener}.
 * Not thread-safe: one producer drives it.
 */
public interface PipelineStream {
  void send(long seq, ChunkPiece piece);

  /** Asks every replica to fsync and commit; acknowledged by {@link PipelineListener#finished}. */
  void finish(long seq);

  /** Aborts the write; replicas discard uncommitted bytes. */
  void cancel(String reason);
}
