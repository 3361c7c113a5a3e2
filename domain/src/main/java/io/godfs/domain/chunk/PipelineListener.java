package io.godfs.domain.chunk;

import io.godfs.domain.error.DfsError;
import io.godfs.domain.node.NodeLocation;

/**
 * Acknowledgements coming back up a write pipeline, in seq order. An ack for {@code seq} means
 * every node below holds those bytes. Exactly one of {@link #finished} or {@link #failed} ends the
 * stream. Called from transport threads.
 */
public interface PipelineListener {
  void acked(long seq);

  void finished(long seq, long chunkLength);

  /** {@code failedNode} names the node that failed when known, else null. */
  void failed(DfsError error, NodeLocation failedNode);
}
