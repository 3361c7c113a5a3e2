package io.godfs.adapters.grpc;

import static io.godfs.adapters.grpc.CallerInterceptor.caller;
import static io.godfs.adapters.grpc.Calls.unary;

import io.godfs.application.port.in.ChunkserverRegistryUseCase;
import io.godfs.cluster.v1.ChunkAccessKey;
import io.godfs.cluster.v1.ChunkserverRegistryGrpc;
import io.godfs.cluster.v1.HeartbeatRequest;
import io.godfs.cluster.v1.HeartbeatResponse;
import io.godfs.cluster.v1.RegisterRequest;
import io.godfs.cluster.v1.RegisterResponse;
import io.godfs.cluster.v1.ReplicateOrder;
import io.godfs.domain.access.Caller;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.heartbeat.NodeHeartbeat;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.grpc.stub.StreamObserver;
import java.util.List;

/** Chunkserver registration and heartbeats over gRPC. */
public final class GrpcRegistryService extends ChunkserverRegistryGrpc.ChunkserverRegistryImplBase {
  private final ChunkserverRegistryUseCase registry;

  public GrpcRegistryService(ChunkserverRegistryUseCase registry) {
    this.registry = registry;
  }

  @Override
  public void register(RegisterRequest r, StreamObserver<RegisterResponse> out) {
    Caller node = caller();
    unary(
        out,
        () -> {
          // Checked before a message's entries are turned into objects.
          NodeHeartbeat.atMostOnePage("chunks", r.getChunksCount());
          return registry.register(
              node,
              new NodeId(r.getNodeId()),
              NodeAddress.parse(r.getAddress()),
              r.getCapacityBytes(),
              r.getUsedBytes(),
              r.getChunksList().stream().map(ProtoMapper::toStoredChunk).toList());
        },
        interval ->
            RegisterResponse.newBuilder()
                .setHeartbeatIntervalMs(interval.toMillis())
                .addAllAccessKeys(keys(node))
                .build());
  }

  @Override
  public void heartbeat(HeartbeatRequest r, StreamObserver<HeartbeatResponse> out) {
    Caller node = caller();
    unary(
        out,
        () -> {
          NodeHeartbeat.atMostOnePage("stored", r.getStoredCount());
          NodeHeartbeat.atMostOnePage("deleted_chunk_ids", r.getDeletedChunkIdsCount());
          NodeHeartbeat.atMostOnePage("corrupt_chunk_ids", r.getCorruptChunkIdsCount());
          NodeHeartbeat.atMostOnePage("failed_copy_chunk_ids", r.getFailedCopyChunkIdsCount());
          return registry.heartbeat(
              node,
              new NodeHeartbeat(
                  new NodeId(r.getNodeId()),
                  r.getCapacityBytes(),
                  r.getUsedBytes(),
                  r.getChunkCount(),
                  r.getStoredList().stream().map(ProtoMapper::toStoredChunk).toList(),
                  r.getDeletedChunkIdsList().stream().map(ChunkId::new).toList(),
                  r.getCorruptChunkIdsList().stream().map(ChunkId::new).toList(),
                  r.getFailedCopyChunkIdsList().stream().map(ChunkId::new).toList(),
                  r.getReadBytes(),
                  r.getWrittenBytes()));
        },
        beat ->
            HeartbeatResponse.newBuilder()
                .setReregister(beat.reregister())
                .addAllDeleteChunkIds(beat.deleteChunks().stream().map(ChunkId::value).toList())
                .addAllReplicate(
                    beat.copies().stream()
                        .map(
                            o ->
                                ReplicateOrder.newBuilder()
                                    .setChunkId(o.chunk().value())
                                    .setVersion(o.version().value())
                                    .setLength(o.length())
                                    .setSourceNodeId(o.source().id().value())
                                    .setSourceAddress(o.source().address().toString())
                                    .setAccessToken(ProtoMapper.toProto(o.token()))
                                    .build())
                        .toList())
                .addAllDeleteTokens(beat.deleteTokens().stream().map(ProtoMapper::toProto).toList())
                .addAllAccessKeys(keys(node))
                .build());
  }

  /** The keys of chunk access tokens for this caller (none unless it is a node identity). */
  private List<ChunkAccessKey> keys(Caller node) {
    return registry.accessKeys(node).stream().map(ProtoMapper::toProto).toList();
  }
}
