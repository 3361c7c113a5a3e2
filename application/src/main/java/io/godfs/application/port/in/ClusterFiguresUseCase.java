package io.godfs.application.port.in;

import io.godfs.domain.file.NamespaceFigures;
import java.util.Optional;

/** The cluster's figures, from the leading master; empty on a follower (ADR 0023). */
public interface ClusterFiguresUseCase {
  Optional<ClusterFigures> figures();

  /**
   * What the namespace holds (files, directories, bytes, inline files, leases), from counts kept as
   * mutations apply: O(1). Empty on a follower, as {@link #figures()} is.
   */
  default Optional<NamespaceFigures> namespace() {
    return Optional.empty();
  }
}
