package io.godfs.application.port.in;

import java.util.Optional;

/** The cluster's figures, from the leading master; empty on a follower (ADR 0023). */
public interface ClusterFiguresUseCase {
  Optional<ClusterFigures> figures();
}
