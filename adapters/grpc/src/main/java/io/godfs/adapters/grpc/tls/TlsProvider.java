package io.godfs.adapters.grpc.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.util.Locale;

/**
 * Which TLS implementation encrypts gRPC ({@code GODFS_TLS_PROVIDER}): BoringSSL through
 * netty-tcnative where its native library loads, else the JDK's ({@link #AUTO}, the default), or
 * one forced. BoringSSL encrypts with AES-GCM in assembly and copies less between Java and the
 * socket; on this project's benchmark machine it made secured 1 GiB writes and reads cheaper
 * (docs/adr/0022-security.md, "TLS provider").
 */
public enum TlsProvider {
  /** BoringSSL when it loads and offers TLS 1.3, else the JDK's TLS. */
  AUTO,
  /** The JDK's TLS (SunJSSE), always there. */
  JDK,
  /** BoringSSL (netty-tcnative); a node refuses to start where its native library cannot load. */
  OPENSSL;

  /** What {@code GODFS_TLS_PROVIDER} allows, for messages. */
  public static final String EXPECTED = "auto, jdk or openssl";

  /**
   * The provider {@code raw} names ({@code auto}, {@code jdk} or {@code openssl}, any case).
   *
   * @throws IllegalArgumentException naming the value and what is allowed
   */
  public static TlsProvider parse(String raw) {
    try {
      return valueOf(raw.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "GODFS_TLS_PROVIDER : " + raw + " (expected: " + EXPECTED + ")", e);
    }
  }

  /**
   * Netty's provider for this choice on this machine.
   *
   * @throws IllegalStateException for {@link #OPENSSL} where BoringSSL cannot load, with the cause
   */
  SslProvider netty() {
    return switch (this) {
      case JDK -> SslProvider.JDK;
      case AUTO -> boringSslUsable() ? SslProvider.OPENSSL : SslProvider.JDK;
      case OPENSSL -> {
        if (!boringSslUsable()) {
          throw new IllegalStateException(
              "GODFS_TLS_PROVIDER=openssl but BoringSSL (netty-tcnative) cannot be used here: "
                  + (OpenSsl.isAvailable()
                      ? "it offers no TLS 1.3 or no ALPN"
                      : String.valueOf(OpenSsl.unavailabilityCause())));
        }
        yield SslProvider.OPENSSL;
      }
    };
  }

  /** What encrypts with this choice on this machine: {@code BoringSSL} or {@code JDK}. */
  public String implementation() {
    return netty() == SslProvider.OPENSSL ? "BoringSSL" : "JDK";
  }

  private static boolean boringSslUsable() {
    return OpenSsl.isAvailable()
        && SslProvider.isTlsv13Supported(SslProvider.OPENSSL)
        && SslProvider.isAlpnSupported(SslProvider.OPENSSL);
  }
}
