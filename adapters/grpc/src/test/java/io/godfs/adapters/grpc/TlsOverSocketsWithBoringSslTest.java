package io.godfs.adapters.grpc;

import io.godfs.adapters.grpc.tls.TlsProvider;

/**
 * Every case of {@link TlsOverSocketsTest} with BoringSSL (netty-tcnative) doing the TLS on both
 * sides: mutual TLS, refusals, and certificates rotated without a restart, with the same reloading
 * key and trust managers as the JDK's TLS.
 */
class TlsOverSocketsWithBoringSslTest extends TlsOverSocketsTest {
  @Override
  TlsProvider provider() {
    return TlsProvider.OPENSSL;
  }
}
