package io.godfs.bootstrap.gateway;

import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.adapters.rest.RestGateway;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.bootstrap.config.GatewayConfig;
import io.godfs.client.GodfsClient;
import java.time.Clock;

/**
 * A running REST gateway wired to a cluster: the SDK's file system use case (a gRPC client of the
 * master) driven by the Helidon adapter. Closing it stops the server, then the client it owns.
 */
public final class GatewayNode implements AutoCloseable {
  private final RestGateway gateway;
  private final AutoCloseable ownedClient;

  private GatewayNode(RestGateway gateway, AutoCloseable ownedClient) {
    this.gateway = gateway;
    this.ownedClient = ownedClient;
  }

  /** {@code godfs gateway}: connects to the master and serves. */
  public static GatewayNode start(GatewayConfig config) {
    GodfsClient client = GodfsClient.connect(config.masterAddress());
    try {
      return new GatewayNode(RestGateway.start(client, config.settings(), Clock.systemUTC()), client);
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** Serves {@code fs}, which the caller keeps and closes (dev cluster, tests, benchmarks). */
  public static GatewayNode start(FileSystemUseCase fs, GatewaySettings settings, Clock clock) {
    return new GatewayNode(RestGateway.start(fs, settings, clock), null);
  }

  public int port() {
    return gateway.port();
  }

  public int expireAbandonedUploads() {
    return gateway.expireAbandonedUploads();
  }

  @Override
  public void close() {
    try {
      gateway.close();
    } finally {
      if (ownedClient instanceof GodfsClient c) {
        c.close();
      }
    }
  }
}
