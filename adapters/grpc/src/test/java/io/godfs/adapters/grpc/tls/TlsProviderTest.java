package io.godfs.adapters.grpc.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** GODFS_TLS_PROVIDER: its values, and what each chooses on this machine. */
class TlsProviderTest {
  @AfterEach
  void backToTheDefault() {
    TlsContexts.use(TlsProvider.AUTO);
  }

  @Test
  void theValuesAreReadInAnyCase() {
    assertThat(TlsProvider.parse("auto")).isEqualTo(TlsProvider.AUTO);
    assertThat(TlsProvider.parse(" JDK ")).isEqualTo(TlsProvider.JDK);
    assertThat(TlsProvider.parse("OpenSSL")).isEqualTo(TlsProvider.OPENSSL);
  }

  @Test
  void anUnknownValueNamesTheVariableAndWhatIsAllowed() {
    assertThatThrownBy(() -> TlsProvider.parse("boring"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("GODFS_TLS_PROVIDER : boring (expected: auto, jdk or openssl)");
  }

  @Test
  void autoChoosesBoringSslWhereItsNativeLibraryLoads() {
    // The build ships netty-tcnative for Linux x86-64, the platform this project builds on.
    assertThat(TlsProvider.AUTO.implementation()).isEqualTo("BoringSSL");
    assertThat(TlsProvider.OPENSSL.implementation()).isEqualTo("BoringSSL");
    assertThat(TlsProvider.JDK.implementation()).isEqualTo("JDK");
  }

  @Test
  void theChoiceHoldsForTheContextsBuiltAfterIt() {
    TlsContexts.use(TlsProvider.JDK);
    assertThat(TlsContexts.provider()).isEqualTo(TlsProvider.JDK);
    TlsContexts.use(TlsProvider.OPENSSL);
    assertThat(TlsContexts.provider()).isEqualTo(TlsProvider.OPENSSL);
  }
}
