package io.godfs.domain.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NewFileTest {
  private static final DfsPath PATH = DfsPath.of("/f");

  @Test
  void zeroMeansTheClusterDefault() {
    assertThat(NewFile.withClusterDefaults(PATH, true)).isEqualTo(new NewFile(PATH, true, 0, 0));
    assertThat(new NewFile(PATH, false, 3, 1 << 20).chunkSize()).isEqualTo(1 << 20);
  }

  @Test
  void refusesNegativeReplicationAndChunkSizeNamingTheField() {
    assertThatThrownBy(() -> new NewFile(PATH, false, -1, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("replication : -1 (expected: >= 0");
    assertThatThrownBy(() -> new NewFile(PATH, false, 0, -5))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("chunkSize : -5 (expected: >= 0");
  }

  @Test
  void leavesUpperBoundsToTheNamespace() {
    // The namespace refuses them for the resolved values, with the file's path in its answer.
    assertThat(new NewFile(PATH, false, 17, 12345).replication()).isEqualTo(17);
  }

  @Test
  void refusesANullPathNamingIt() {
    assertThatThrownBy(() -> new NewFile(null, false, 0, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("path");
  }
}
