package io.godfs.domain.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.node.NodeId;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ChunkAllocationRequestTest {
  private static final DfsPath PATH = DfsPath.of("/f");
  private static final FileId FILE = new FileId(2);

  @Test
  void keepsACopyOfTheExcludedNodes() {
    Set<NodeId> excluded = new HashSet<>(Set.of(new NodeId("n1")));
    var request = new ChunkAllocationRequest(PATH, FILE, 0, excluded);
    excluded.add(new NodeId("n2"));
    assertThat(request.excluded()).containsExactly(new NodeId("n1"));
    assertThatThrownBy(() -> request.excluded().add(new NodeId("n3")))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThat(new ChunkAllocationRequest(PATH, FILE, 4).excluded()).isEmpty();
  }

  @Test
  void refusesANegativeIndexNamingIt() {
    assertThatThrownBy(() -> new ChunkAllocationRequest(PATH, FILE, -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("index : -1 (expected: >= 0");
  }

  @Test
  void refusesNullsNamingTheField() {
    assertThatThrownBy(() -> new ChunkAllocationRequest(null, FILE, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("path");
    assertThatThrownBy(() -> new ChunkAllocationRequest(PATH, null, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("fileId");
    assertThatThrownBy(() -> new ChunkAllocationRequest(PATH, FILE, 0, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("excluded");
  }
}
