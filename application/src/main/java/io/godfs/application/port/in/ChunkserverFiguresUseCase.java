package io.godfs.application.port.in;

/** A chunkserver's own figures (ADR 0023): space, replicas and its store's index. */
public interface ChunkserverFiguresUseCase {
  ChunkserverFigures figures();
}
