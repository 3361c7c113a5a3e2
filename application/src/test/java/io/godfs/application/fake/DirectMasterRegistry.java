package io.godfs.application.fake;

import io.godfs.application.master.MasterServices;
import io.godfs.application.port.out.MasterRegistry;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.heartbeat.HeartbeatReply;
import io.godfs.domain.heartbeat.NodeHeartbeat;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A {@link MasterRegistry} that calls the master's registry use case in this process, with no
 * network. It passes {@code MasterRegistryContract}.
 */
public final class DirectMasterRegistry implements MasterRegistry {
  private final MasterServices master;

  public DirectMasterRegistry(MasterServices master) {
    this.master = Objects.requireNonNull(master, "master");
  }

  @Override
  public Duration register(
      NodeId node,
      NodeAddress address,
      long capacityBytes,
      long usedBytes,
      List<StoredChunk> chunks) {
    return master
        .registry()
        .register(Callers.ANONYMOUS, node, address, capacityBytes, usedBytes, List.copyOf(chunks))
        .orThrow();
  }

  @Override
  public HeartbeatReply heartbeat(NodeHeartbeat beat) {
    return master
        .registry()
        .heartbeat(Callers.ANONYMOUS, beat) // one record at both ends: nothing to convert
        .orThrow();
  }

  @Override
  public void close() {
    // Nothing to release: the master belongs to the caller.
  }
}
