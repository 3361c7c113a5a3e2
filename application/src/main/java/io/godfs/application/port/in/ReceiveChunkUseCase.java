package io.godfs.application.port.in;

import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;

/**
 * A chunkserver receiving a pipelined write: each piece is verified against its CRCs, written
 * locally and forwarded to the next replica; acks go upstream once this node and all below hold it.
 */
public interface ReceiveChunkUseCase {

  /** Starts a write session; {@code upstream} receives the acks. */
  PipelineStream receive(PipelineHeader header, PipelineListener upstream);
}
