package io.godfs.adapters.grpc.tls;

import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The TLS contexts of gRPC servers and channels, from {@link GrpcTls}: TLS 1.3 only, BoringSSL or
 * the JDK's TLS as {@link TlsProvider} chooses (docs/adr/0022-security.md, "TLS provider"),
 * certificates and authorities read from their files again when they change. Both providers take
 * the same reloading key and trust managers: Netty hands BoringSSL the key manager's current chain
 * and key at each handshake. One context serves every connection of a server or a channel pool.
 */
public final class TlsContexts {
  /** The seed's minimum, and the only version offered: no downgrade to negotiate. */
  static final String PROTOCOL = "TLSv1.3";

  private static volatile TlsProvider provider = TlsProvider.AUTO;

  private TlsContexts() {}

  /**
   * Chooses the TLS implementation of the contexts built from now on in this process (the launcher
   * sets it from {@code GODFS_TLS_PROVIDER}); contexts already built keep theirs.
   *
   * @throws IllegalStateException for {@link TlsProvider#OPENSSL} where BoringSSL cannot load
   */
  public static void use(TlsProvider choice) {
    choice.netty(); // refuse a provider that cannot work here now, not at the first connection
    provider = choice;
  }

  /** The choice contexts are built with now. */
  public static TlsProvider provider() {
    return provider;
  }

  /**
   * A server's context: presents {@link GrpcTls#server()}; with trusted authorities it requires a
   * client certificate they verify.
   *
   * @throws IllegalArgumentException naming the file that is missing, unreadable or wrong
   */
  public static SslContext server(GrpcTls tls) {
    GrpcTls.KeyPairFiles identity =
        tls.server()
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "TLS is on but no server certificate and key are given"));
    SslContextBuilder builder =
        GrpcSslContexts.configure(
                SslContextBuilder.forServer(keyManager("server certificate", identity, tls)),
                provider.netty())
            .protocols(PROTOCOL);
    if (tls.verifiesClients()) {
      builder
          .trustManager(trustManager(tls))
          .clientAuth(tls.clientCertificateOptional() ? ClientAuth.OPTIONAL : ClientAuth.REQUIRE);
    }
    return build(builder);
  }

  /**
   * A channel's context for a party that joins the cluster: trusts a master whose chain holds the
   * CA with SHA-256 {@code caSha256} ({@link PinnedAuthorityTrustManager}), presents nothing.
   */
  public static SslContext pinnedToAuthority(String caSha256) {
    return build(
        GrpcSslContexts.configure(SslContextBuilder.forClient(), provider.netty())
            .protocols(PROTOCOL)
            .trustManager(new PinnedAuthorityTrustManager(caSha256)));
  }

  /**
   * A channel's context: verifies servers against the trusted authorities (the JDK's own when none
   * are given) and presents {@link GrpcTls#client()} when the server asks for a certificate.
   */
  public static SslContext client(GrpcTls tls) {
    SslContextBuilder builder =
        GrpcSslContexts.configure(SslContextBuilder.forClient(), provider.netty())
            .protocols(PROTOCOL);
    if (!tls.trustedAuthorities().isEmpty()) {
      builder.trustManager(trustManager(tls));
    }
    tls.client().ifPresent(c -> builder.keyManager(keyManager("client certificate", c, tls)));
    return build(builder);
  }

  private static X509ExtendedKeyManager keyManager(
      String what, GrpcTls.KeyPairFiles files, GrpcTls tls) {
    return TlsManagers.presenting(what, files, tls.reloadEvery());
  }

  private static X509ExtendedTrustManager trustManager(GrpcTls tls) {
    X509ExtendedTrustManager trust =
        TlsManagers.trusting(tls.trustedAuthorities(), tls.reloadEvery());
    return provider.netty() == SslProvider.OPENSSL ? new BoringSslTrustAlerts(trust) : trust;
  }

  private static SslContext build(SslContextBuilder builder) {
    try {
      return builder.build();
    } catch (SSLException e) {
      throw new IllegalArgumentException("TLS cannot be set up: " + e.getMessage(), e);
    }
  }
}
