package io.godfs.adapters.grpc;

import io.godfs.application.port.out.MasterRegistry;
import io.godfs.cluster.v1.ChunkserverRegistryGrpc;
import io.godfs.cluster.v1.HeartbeatRequest;
import io.godfs.cluster.v1.RegisterRequest;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.ReplicationOrder;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.heartbeat.HeartbeatReply;
import io.godfs.domain.heartbeat.NodeHeartbeat;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/** The master's registry as a chunkserver reaches it. */
public final class GrpcMasterRegistry implements MasterRegistry {
  private final MasterEndpoints masters;
  private final Duration deadline;
  private final Consumer<List<ChunkAccessKey>> keys;

  /** {@code addresses}: one master, or every master of a replicated group (comma-separated). */
  public GrpcMasterRegistry(String addresses, ChannelPool channels, Duration deadline) {
    this(addresses, channels, deadline, received -> {});
  }

  /**
   * And hands the keys of chunk access tokens in every register and heartbeat reply to {@code keys}
   * (the chunkserver's token check, ADR 0022).
   */
  public GrpcMasterRegistry(
      String addresses,
      ChannelPool channels,
      Duration deadline,
      Consumer<List<ChunkAccessKey>> keys) {
    this.masters = new MasterEndpoints(addresses, channels);
    this.deadline = deadline;
    this.keys = keys;
  }

  private <T> T call(Function<ChunkserverRegistryGrpc.ChunkserverRegistryBlockingStub, T> rpc) {
    return masters.call(
        channel ->
            rpc.apply(
                ChunkserverRegistryGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)));
  }

  @Override
  public Duration register(
      NodeId node,
      NodeAddress nodeAddress,
      long capacityBytes,
      long usedBytes,
      List<StoredChunk> chunks) {
    RegisterRequest request =
        RegisterRequest.newBuilder()
            .setNodeId(node.value())
            .setAddress(nodeAddress.toString())
            .setCapacityBytes(capacityBytes)
            .setUsedBytes(usedBytes)
            .addAllChunks(chunks.stream().map(ProtoMapper::toProto).toList())
            .build();
    var reply = call(s -> s.register(request));
    keys.accept(reply.getAccessKeysList().stream().map(ProtoMapper::toAccessKey).toList());
    return Duration.ofMillis(reply.getHeartbeatIntervalMs());
  }

  @Override
  public HeartbeatReply heartbeat(NodeHeartbeat beat) {
    var request =
        HeartbeatRequest.newBuilder()
            .setNodeId(beat.node().value())
            .setCapacityBytes(beat.capacityBytes())
            .setUsedBytes(beat.usedBytes())
            .setChunkCount(beat.chunkCount())
            .addAllStored(beat.stored().stream().map(ProtoMapper::toProto).toList())
            .addAllDeletedChunkIds(beat.deleted().stream().map(ChunkId::value).toList())
            .addAllCorruptChunkIds(beat.corrupt().stream().map(ChunkId::value).toList())
            .addAllFailedCopyChunkIds(beat.failedCopies().stream().map(ChunkId::value).toList())
            .setReadBytes(beat.readBytes())
            .setWrittenBytes(beat.writtenBytes())
            .build();
    var reply = call(s -> s.heartbeat(request));
    keys.accept(reply.getAccessKeysList().stream().map(ProtoMapper::toAccessKey).toList());
    return new HeartbeatReply(
        reply.getReregister(),
        reply.getDeleteChunkIdsList().stream().map(ChunkId::new).toList(),
        reply.getReplicateList().stream()
            .map(
                o ->
                    new ReplicationOrder(
                        new ChunkId(o.getChunkId()),
                        new ChunkVersion(o.getVersion()),
                        o.getLength(),
                        new NodeLocation(
                            new NodeId(o.getSourceNodeId()),
                            NodeAddress.parse(o.getSourceAddress())),
                        ProtoMapper.toToken(o.getAccessToken())))
            .toList(),
        reply.getDeleteTokensList().stream().map(ProtoMapper::toToken).toList());
  }

  @Override
  public void close() {
    // Channels belong to the pool, closed by its owner.
  }
}
