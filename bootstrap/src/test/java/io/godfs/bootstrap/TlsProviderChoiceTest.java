package io.godfs.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.grpc.tls.TlsContexts;
import io.godfs.adapters.grpc.tls.TlsProvider;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GODFS_TLS_PROVIDER as the launcher reads it, before any node starts. */
class TlsProviderChoiceTest {
  @AfterEach
  void backToTheDefault() {
    TlsContexts.use(TlsProvider.AUTO);
  }

  @Test
  void unsetMeansAuto() {
    assertThat(Main.chooseTlsProvider(Map.of())).isEmpty();
    assertThat(TlsContexts.provider()).isEqualTo(TlsProvider.AUTO);
  }

  @Test
  void jdkForcesTheJdksTls() {
    assertThat(Main.chooseTlsProvider(Map.of("GODFS_TLS_PROVIDER", "jdk"))).isEmpty();
    assertThat(TlsContexts.provider()).isEqualTo(TlsProvider.JDK);
  }

  @Test
  void anUnknownValueIsOneLineNamingTheVariableAndChangesNothing() {
    TlsContexts.use(TlsProvider.JDK);
    assertThat(Main.chooseTlsProvider(Map.of("GODFS_TLS_PROVIDER", "boring")))
        .contains("GODFS_TLS_PROVIDER : boring (expected: auto, jdk or openssl)");
    assertThat(TlsContexts.provider()).isEqualTo(TlsProvider.JDK);
  }
}
