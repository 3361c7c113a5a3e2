package io.godfs.domain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "7", "node-1", "chunk_server.eu-west.3", "A.b_C-d"})
  void acceptsOperatorNames(String value) {
    assertThat(new NodeId(value).toString()).isEqualTo(value);
  }

  @Test
  void acceptsUpTo128Characters() {
    assertThat(new NodeId("n" + "x".repeat(127)).value()).hasSize(128);
    assertThatThrownBy(() -> new NodeId("n" + "x".repeat(128)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("1-128 characters");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "-node", ".node", "_node", "node 1", "node/1", "node:1", "nöde", "node\n"})
  void refusesOtherNamesQuotingThem(String value) {
    assertThatThrownBy(() -> new NodeId(value))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("node id : '" + value + "'")
        .hasMessageContaining("expected:");
  }

  @Test
  void refusesNull() {
    assertThatThrownBy(() -> new NodeId(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void equalByValueAndOrderedByValue() {
    assertThat(new NodeId("n1")).isEqualTo(new NodeId("n1")).hasSameHashCodeAs(new NodeId("n1"));
    List<NodeId> ids =
        new ArrayList<>(List.of(new NodeId("n2"), new NodeId("n10"), new NodeId("a")));
    ids.sort(null);
    assertThat(ids).extracting(NodeId::value).containsExactly("a", "n10", "n2");
  }
}
