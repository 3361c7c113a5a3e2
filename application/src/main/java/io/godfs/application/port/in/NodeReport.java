package io.godfs.application.port.in;

import io.godfs.domain.node.AdminState;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeHealth;
import io.godfs.domain.node.NodeId;
import java.time.Instant;

/**
 * A chunkserver as {@code godfs admin nodes} shows it. {@code replicas}: replicas the master knows
 * it holds.
 */
public record NodeReport(
    NodeId id,
    NodeAddress address,
    NodeHealth health,
    AdminState adminState,
    long capacityBytes,
    long usedBytes,
    int replicas,
    Instant lastHeartbeat) {}
