package io.godfs.bootstrap.gateway;

import io.godfs.adapters.grpc.tls.TlsManagers;
import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.adapters.rest.HttpsListener;
import io.godfs.adapters.rest.RestGateway;
import io.godfs.application.client.ClientServices;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.client.MultipartSettings;
import io.godfs.application.client.UploadJanitor;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.MultipartUploadUseCase;
import io.godfs.application.port.in.ReservedPaths;
import io.godfs.application.port.in.UploadUseCase;
import io.godfs.bootstrap.config.GatewayConfig;
import io.godfs.bootstrap.config.GatewayHttps;
import io.godfs.client.GodfsClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * A running REST gateway wired to a cluster: the SDK's file system use case (a gRPC client of the
 * master) and the upload use cases over it, driven by the Helidon adapter, and the janitor that
 * expires abandoned uploads. Closing it stops the janitor and the server, then the client it owns.
 */
public final class GatewayNode implements AutoCloseable {
  private final RestGateway gateway;
  private final MultipartUploadUseCase multipart;
  private final UploadJanitor janitor;
  private final AutoCloseable ownedClient;

  private GatewayNode(
      RestGateway gateway,
      MultipartUploadUseCase multipart,
      UploadJanitor janitor,
      AutoCloseable ownedClient) {
    this.gateway = gateway;
    this.multipart = multipart;
    this.janitor = janitor;
    this.ownedClient = ownedClient;
  }

  /** {@code godfs gateway}: connects to the master and serves. */
  public static GatewayNode start(GatewayConfig config) {
    GodfsClient client =
        GodfsClient.connect(
            config.masterAddress(), ClientSettings.DEFAULTS, Optional.empty(), config.clusterTls());
    try {
      return start(client, config.settings(), Clock.systemUTC(), config.https(), client);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** Serves {@code fs}, which the caller keeps and closes (dev cluster, tests, benchmarks). */
  public static GatewayNode start(FileSystemUseCase fs, GatewaySettings settings, Clock clock) {
    return start(fs, settings, clock, Optional.empty(), null);
  }

  /** As above, serving HTTPS as {@code https} says (empty = HTTP). */
  public static GatewayNode start(
      FileSystemUseCase fs, GatewaySettings settings, Clock clock, Optional<GatewayHttps> https) {
    return start(fs, settings, clock, https, null);
  }

  /**
   * The HTTPS side of the Helidon adapter: a JDK TLS context over the PEM files, read again when
   * they change (as every other listener's), asking for client certificates only with a CA file.
   */
  static HttpsListener listener(GatewayHttps https) {
    SSLContext context =
        TlsManagers.serverContext(
            https.identity(), https.clientCa().stream().toList(), https.reloadEvery());
    return new HttpsListener(context, https.clientCa().isPresent());
  }

  /** {@code clock} drives presign and upload expiry. */
  private static GatewayNode start(
      FileSystemUseCase fs,
      GatewaySettings settings,
      Clock clock,
      Optional<GatewayHttps> https,
      AutoCloseable ownedClient) {
    // The gateway stages in the reserved folder (hidden from its listings, swept by the janitor),
    // so
    // nothing of its uploads shows in its callers' directories.
    // Staged names and upload ids must not be guessable by other callers.
    SecureRandom random = new SecureRandom();
    UploadUseCase uploads = ClientServices.uploads(fs, ReservedPaths.STAGING, random);
    MultipartUploadUseCase multipart =
        ClientServices.multipartUploads(
            fs,
            MultipartSettings.reserved(
                settings.multipartMaxParts(), settings.maxUploadBytes(), settings.uploadExpiry()),
            clock,
            random);
    RestGateway gateway =
        RestGateway.start(
            fs, uploads, multipart, settings, clock, https.map(GatewayNode::listener));
    return new GatewayNode(
        gateway, multipart, UploadJanitor.start(multipart, settings.uploadExpiry()), ownedClient);
  }

  public int port() {
    return gateway.port();
  }

  /**
   * Removes abandoned multipart uploads and PUT staged files now (the janitor also does it
   * periodically).
   */
  public int expireAbandonedUploads() {
    return multipart.expireAbandoned();
  }

  @Override
  public void close() {
    try {
      janitor.close();
      gateway.close();
    } finally {
      if (ownedClient instanceof GodfsClient c) {
        c.close();
      }
    }
  }
}
