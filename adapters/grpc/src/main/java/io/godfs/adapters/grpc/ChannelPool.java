package io.godfs.adapters.grpc;

import io.godfs.domain.chunk.ChunkLayout;
import io.grpc.ManagedChannel;
import io.grpc.netty.NettyChannelBuilder;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One long-lived channel per peer address (gRPC multiplexes calls over it), shared by every
 * client-side adapter of a process: never a connection per call.
 */
public final class ChannelPool implements AutoCloseable {
  /** A data message is at most 1 MiB of bytes plus a few hundred bytes of header and CRCs. */
  static final int MAX_INBOUND_MESSAGE = ChunkLayout.MAX_MESSAGE_BYTES + 64 * 1024;
  private final ConcurrentHashMap<String, ManagedChannel> channels = new ConcurrentHashMap<>();

  public ManagedChannel channel(String address) {
    return channels.computeIfAbsent(address, a -> NettyChannelBuilder.forTarget(a)
        .usePlaintext()
        .maxInboundMessageSize(MAX_INBOUND_MESSAGE)
        .flowControlWindow(8 * 1024 * 1024)
        .build());
  }

  @Override
  public void close() {
    channels.values().forEach(ManagedChannel::shutdownNow);
    for (ManagedChannel c : channels.values()) {
      try {
        c.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    channels.clear();
  }
}
