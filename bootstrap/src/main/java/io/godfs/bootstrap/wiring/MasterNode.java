package io.godfs.bootstrap.wiring;

import io.godfs.adapters.grpc.GrpcMasterService;
import io.godfs.adapters.grpc.GrpcRegistryService;
import io.godfs.adapters.grpc.GrpcServerHandle;
import io.godfs.adapters.metadatamemory.InMemoryMetadataStore;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.application.service.MasterServices;
import io.godfs.application.service.MasterSettings;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.domain.file.Namespace;
import java.time.Clock;
import java.util.List;
import java.util.Random;

/** A running master: metadata store, master use cases and its gRPC server, wired by constructors. */
public final class MasterNode implements AutoCloseable {
  private final MetadataStore store;
  private final GrpcServerHandle server;

  private MasterNode(MetadataStore store, GrpcServerHandle server) {
    this.store = store;
    this.server = server;
  }

  public static MasterNode start(MasterConfig config) {
    Clock clock = Clock.systemUTC();
    MetadataStore store = new InMemoryMetadataStore(Namespace.empty(clock.instant()));
    MasterServices services = MasterServices.create(store, clock,
        new MasterSettings(config.chunkSize(), config.replication(), config.deadAfter(), config.heartbeatInterval()),
        new Random());
    GrpcServerHandle server = GrpcServerHandle.start(Hosts.bindHost(config.listenHost()), config.port(), List.of(
        new GrpcMasterService(services.namespace(), services.chunkWrites(), services.chunkReads(), services.registry()),
        new GrpcRegistryService(services.registry())));
    return new MasterNode(store, server);
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    server.close();
    store.close();
  }
}
