package io.godfs.adapters.grpc;

import io.godfs.application.contract.MasterRegistryContract;
import io.godfs.application.master.MasterServices;
import io.godfs.application.port.out.MasterRegistry;
import java.time.Duration;

/** The gRPC master registry against the master's gRPC services on a real socket of 127.0.0.1. */
class GrpcMasterRegistryTest extends MasterRegistryContract {
  private final ChannelPool channels = new ChannelPool();
  private GrpcServerHandle server;

  @Override
  protected MasterRegistry connect(MasterServices master) {
    server = GrpcMasterClientTest.serve(master);
    return new GrpcMasterRegistry("127.0.0.1:" + server.port(), channels, Duration.ofSeconds(10));
  }

  @Override
  protected void disconnect() {
    try {
      channels.close();
    } finally {
      if (server != null) {
        server.close();
      }
    }
  }
}
