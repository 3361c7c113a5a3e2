package io.godfs.adapters.grpc;

import io.godfs.application.chunkserver.ChunkserverServices;
import io.godfs.application.contract.ChunkTransferContract;
import io.godfs.application.fake.FakeChunkStore;
import io.godfs.application.port.in.ReceiveChunkUseCase;
import io.godfs.application.port.in.ServeChunkUseCase;
import io.godfs.application.port.out.ChunkFetcher;
import io.godfs.application.port.out.ChunkPipeline;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.LocalReplica;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineListener;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The gRPC pipeline and fetcher against three chunkservers' gRPC data services on real sockets of
 * 127.0.0.1, forwarding to each other with the same pipeline; reads always go over the network.
 */
class GrpcChunkTransferTest extends ChunkTransferContract {
  private final ChannelPool channels = new ChannelPool();
  private final Map<NodeLocation, GrpcServerHandle> servers = new LinkedHashMap<>();

  @Override
  protected List<NodeLocation> startChunkservers(List<FakeChunkStore> stores) {
    List<NodeLocation> started = new ArrayList<>();
    for (int i = 0; i < stores.size(); i++) {
      Late late = new Late(); // the services need the port the server gets
      GrpcServerHandle server =
          GrpcServerHandle.start("127.0.0.1", 0, List.of(new GrpcChunkService(late, late)));
      NodeLocation self =
          new NodeLocation(new NodeId("cs-" + i), new NodeAddress("127.0.0.1", server.port()));
      servers.put(self, server);
      late.services =
          ChunkserverServices.create(
              stores.get(i), new GrpcChunkPipeline(channels), self, System::nanoTime);
      started.add(self);
    }
    return started;
  }

  @Override
  protected ChunkPipeline pipeline() {
    return new GrpcChunkPipeline(channels);
  }

  @Override
  protected ChunkFetcher fetcher() {
    return new GrpcChunkFetcher(channels, Duration.ofSeconds(WAIT_SECONDS), false);
  }

  @Override
  protected void crash(NodeLocation node) {
    servers.get(node).close();
  }

  @Override
  protected void stopChunkservers() {
    try {
      channels.close();
    } finally {
      servers.values().forEach(GrpcServerHandle::close);
    }
  }

  /** A chunkserver's use cases, set once its server has a port. */
  private static final class Late implements ReceiveChunkUseCase, ServeChunkUseCase {
    volatile ChunkserverServices services;

    @Override
    public PipelineStream receive(PipelineHeader header, PipelineListener upstream) {
      return services.receive().receive(header, upstream);
    }

    @Override
    public Outcome<PieceIterator> read(
        ChunkId chunk, ChunkVersion minVersion, long offset, long length) {
      return services.serve().read(chunk, minVersion, offset, length);
    }

    @Override
    public Outcome<LocalReplica> local(ChunkId chunk, ChunkVersion minVersion) {
      return services.serve().local(chunk, minVersion);
    }
  }
}
