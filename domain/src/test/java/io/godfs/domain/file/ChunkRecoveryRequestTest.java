package io.godfs.domain.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.node.NodeId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkRecoveryRequestTest {
  private static final DfsPath PATH = DfsPath.of("/f");
  private static final FileId FILE = new FileId(2);
  private static final ChunkId CHUNK = new ChunkId(7);
  private static final ChunkVersion V2 = new ChunkVersion(2);
  private static final List<NodeId> SURVIVORS = List.of(new NodeId("n1"), new NodeId("n2"));

  @Test
  void keepsACopyOfTheSurvivorsInPipelineOrder() {
    List<NodeId> survivors = new ArrayList<>(SURVIVORS);
    var request = new ChunkRecoveryRequest(PATH, FILE, 0, CHUNK, V2, survivors);
    survivors.clear();
    assertThat(request.survivors()).containsExactlyElementsOf(SURVIVORS);
  }

  @Test
  void refusesNoSurvivorsNamingTheFieldAndTheChunk() {
    assertThatThrownBy(() -> new ChunkRecoveryRequest(PATH, FILE, 0, CHUNK, V2, List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("survivors : [] (expected: at least one")
        .hasMessageContaining("chunk-7");
  }

  @Test
  void refusesANegativeIndexNamingIt() {
    assertThatThrownBy(() -> new ChunkRecoveryRequest(PATH, FILE, -3, CHUNK, V2, SURVIVORS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("index : -3 (expected: >= 0");
  }

  @Test
  void refusesNullsNamingTheField() {
    assertThatThrownBy(() -> new ChunkRecoveryRequest(null, FILE, 0, CHUNK, V2, SURVIVORS))
        .hasMessage("path");
    assertThatThrownBy(() -> new ChunkRecoveryRequest(PATH, null, 0, CHUNK, V2, SURVIVORS))
        .hasMessage("fileId");
    assertThatThrownBy(() -> new ChunkRecoveryRequest(PATH, FILE, 0, null, V2, SURVIVORS))
        .hasMessage("chunkId");
    assertThatThrownBy(() -> new ChunkRecoveryRequest(PATH, FILE, 0, CHUNK, null, SURVIVORS))
        .hasMessage("failedVersion");
    assertThatThrownBy(() -> new ChunkRecoveryRequest(PATH, FILE, 0, CHUNK, V2, null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("survivors");
  }
}
