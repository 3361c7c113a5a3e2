package io.godfs.application.chunkserver;

import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.error.DfsError;
import io.godfs.domain.node.NodeLocation;
import java.util.ArrayList;
import java.util.List;

/** Records what a pipeline node sends upstream. */
final class RecordingListener implements PipelineListener {
  final List<Long> acks = new ArrayList<>();
  long finishedLength = -1;
  DfsError failure;
  NodeLocation failedNode;

  @Override
  public synchronized void acked(long seq) {
    acks.add(seq);
  }

  @Override
  public synchronized void finished(long seq, long chunkLength) {
    finishedLength = chunkLength;
  }

  @Override
  public synchronized void failed(DfsError error, NodeLocation node) {
    failure = error;
    failedNode = node;
  }
}
