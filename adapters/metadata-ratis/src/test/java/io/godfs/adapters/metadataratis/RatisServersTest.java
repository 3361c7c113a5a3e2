package io.godfs.adapters.metadataratis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RatisServersTest {
  @Test
  void anIpAddressIsBoundAsGivenSoLoopbackStaysPrivate() {
    assertThat(RatisServers.bindHost("127.0.0.1")).isEqualTo("127.0.0.1");
    assertThat(RatisServers.bindHost("10.0.0.5")).isEqualTo("10.0.0.5");
    assertThat(RatisServers.bindHost("::1")).isEqualTo("::1");
    assertThat(RatisServers.bindHost("localhost")).isEqualTo("127.0.0.1");
  }

  @Test
  void aHostNameListensOnEveryInterfaceBecauseItMayNotResolveYet() {
    assertThat(RatisServers.bindHost("godfs-master-0.godfs-master.default.svc.cluster.local"))
        .isEqualTo("0.0.0.0");
    assertThat(RatisServers.bindHost("master-1")).isEqualTo("0.0.0.0");
  }
}
