package io.godfs.domain.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.node.NodeId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkCommitRequestTest {
  private static final DfsPath PATH = DfsPath.of("/f");
  private static final FileId FILE = new FileId(2);
  private static final ChunkId CHUNK = new ChunkId(7);
  private static final ChunkVersion V2 = new ChunkVersion(2);
  private static final List<NodeId> REPLICAS = List.of(new NodeId("n1"), new NodeId("n2"));

  @Test
  void keepsACopyOfTheReplicas() {
    List<NodeId> replicas = new ArrayList<>(REPLICAS);
    var request = new ChunkCommitRequest(PATH, FILE, 0, CHUNK, V2, 10, replicas);
    replicas.add(new NodeId("n3"));
    assertThat(request.replicas()).containsExactlyElementsOf(REPLICAS);
  }

  @Test
  void anEmptyChunkIsCommitted() {
    assertThat(new ChunkCommitRequest(PATH, FILE, 0, CHUNK, V2, 0, REPLICAS).chunkLength())
        .isZero();
  }

  @Test
  void refusesNegativeNumbersNamingTheField() {
    assertThatThrownBy(() -> new ChunkCommitRequest(PATH, FILE, -1, CHUNK, V2, 10, REPLICAS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("index : -1 (expected: >= 0");
    assertThatThrownBy(() -> new ChunkCommitRequest(PATH, FILE, 0, CHUNK, V2, -10, REPLICAS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("chunkLength : -10 (expected: >= 0");
  }

  @Test
  void refusesNoReplicasNamingTheFieldAndTheChunk() {
    assertThatThrownBy(() -> new ChunkCommitRequest(PATH, FILE, 0, CHUNK, V2, 10, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("replicas : [] (expected: at least one")
        .hasMessageContaining("chunk-7");
  }

  @Test
  void refusesNullsNamingTheField() {
    assertThatThrownBy(() -> new ChunkCommitRequest(null, FILE, 0, CHUNK, V2, 10, REPLICAS))
        .hasMessage("path");
    assertThatThrownBy(() -> new ChunkCommitRequest(PATH, null, 0, CHUNK, V2, 10, REPLICAS))
        .hasMessage("fileId");
    assertThatThrownBy(() -> new ChunkCommitRequest(PATH, FILE, 0, null, V2, 10, REPLICAS))
        .hasMessage("chunkId");
    assertThatThrownBy(() -> new ChunkCommitRequest(PATH, FILE, 0, CHUNK, null, 10, REPLICAS))
        .hasMessage("version");
    assertThatThrownBy(() -> new ChunkCommitRequest(PATH, FILE, 0, CHUNK, V2, 10, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("replicas");
  }
}
