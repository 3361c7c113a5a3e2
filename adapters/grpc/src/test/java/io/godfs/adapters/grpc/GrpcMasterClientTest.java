package io.godfs.adapters.grpc;

import io.godfs.application.contract.MasterClientContract;
import io.godfs.application.master.MasterServices;
import io.godfs.application.port.out.MasterClient;
import java.time.Duration;
import java.util.List;

/** The gRPC master client against the master's gRPC services on a real socket of 127.0.0.1. */
class GrpcMasterClientTest extends MasterClientContract {
  private final ChannelPool channels = new ChannelPool();
  private GrpcServerHandle server;

  /** The master's client and registry services on a free port of 127.0.0.1. */
  static GrpcServerHandle serve(MasterServices master) {
    return GrpcServerHandle.start(
        "127.0.0.1",
        0,
        List.of(
            new GrpcMasterService(
                master.namespace(),
                master.chunkWrites(),
                master.chunkReads(),
                master.registry(),
                master.leases()),
            new GrpcRegistryService(master.registry())));
  }

  @Override
  protected MasterClient connect(MasterServices master) {
    server = serve(master);
    return new GrpcMasterClient("127.0.0.1:" + server.port(), channels, Duration.ofSeconds(10));
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
