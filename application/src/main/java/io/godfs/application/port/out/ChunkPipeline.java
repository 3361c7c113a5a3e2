package io.godfs.application.port.out;

import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.node.NodeLocation;

/**
 * Opens a pipelined chunk write to a chunkserver: used by clients (to the primary) and by each
 * chunkserver (to the next replica).
 */
public interface ChunkPipeline {

  /** Never blocks on the network; a connection failure is reported on the listener. */
  PipelineStream open(NodeLocation target, PipelineHeader header, PipelineListener listener);
}
