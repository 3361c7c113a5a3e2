package io.godfs.domain.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodeAddressTest {

  @Test
  void parsesHostAndPort() {
    assertThat(NodeAddress.parse("chunk-1.example:8000"))
        .isEqualTo(new NodeAddress("chunk-1.example", 8000));
    assertThat(NodeAddress.parse("10.0.0.7:1")).isEqualTo(new NodeAddress("10.0.0.7", 1));
    assertThat(NodeAddress.parse("h:65535").port()).isEqualTo(65535);
  }

  @Test
  void parsesBracketedIpv6AndPrintsItBack() {
    NodeAddress v6 = NodeAddress.parse("[::1]:8000");
    assertThat(v6).isEqualTo(new NodeAddress("::1", 8000));
    assertThat(v6.toString()).isEqualTo("[::1]:8000");
    assertThat(NodeAddress.parse(v6.toString())).isEqualTo(v6);
    assertThat(NodeAddress.parse("[fe80::1:2]:9").host()).isEqualTo("fe80::1:2");
  }

  @Test
  void toStringRoundTrips() {
    NodeAddress a = new NodeAddress("node-3", 7001);
    assertThat(a.toString()).isEqualTo("node-3:7001");
    assertThat(NodeAddress.parse(a.toString())).isEqualTo(a);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"host", "host:", ":8000", "", "host:abc", "host:80x", "[::1]", "[::1]8000"})
  void refusesMalformedAddressesNamingTheInput(String text) {
    assertThatThrownBy(() -> NodeAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining("expected: host:port");
  }

  @ParameterizedTest
  @ValueSource(strings = {"::1", "::1:8000", "fe80::1:80"})
  void refusesUnbracketedIpv6BecauseThePortIsAmbiguous(String text) {
    assertThatThrownBy(() -> NodeAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining("[::1]:8000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"host:0", "host:65536", "host:-1", "host:99999999999"})
  void refusesPortsOutOfRange(String text) {
    assertThatThrownBy(() -> NodeAddress.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
  }

  @Test
  void refusesBlankHosts() {
    assertThatThrownBy(() -> NodeAddress.parse("[]:80"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("host");
    assertThatThrownBy(() -> new NodeAddress(" ", 80))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("expected: a host name or IP address");
    assertThatThrownBy(() -> new NodeAddress("h", 0)).hasMessage("port : 0 (expected: 1-65535)");
    assertThatThrownBy(() -> NodeAddress.parse(null)).isInstanceOf(NullPointerException.class);
  }
}
