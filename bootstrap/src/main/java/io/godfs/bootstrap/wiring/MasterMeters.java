package io.godfs.bootstrap.wiring;

import io.godfs.application.port.out.HealingMeter;
import io.godfs.application.port.out.MetadataMeter;
import io.godfs.application.port.out.RpcMeter;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;

/**
 * Where a master records and traces what it does (ADR 0023): the calls its gRPC server serves, its
 * metadata store's group commits, its healing loop's orders, and the spans of its calls and Raft
 * commits. {@link #NONE} records and traces nothing.
 */
public record MasterMeters(
    RpcMeter rpc, MetadataMeter metadata, HealingMeter healing, OpenTelemetry tracing) {
  public static final MasterMeters NONE =
      new MasterMeters(RpcMeter.NONE, MetadataMeter.NONE, HealingMeter.NONE);

  public MasterMeters {
    Objects.requireNonNull(rpc, "rpc");
    Objects.requireNonNull(metadata, "metadata");
    Objects.requireNonNull(healing, "healing");
    Objects.requireNonNull(tracing, "tracing");
  }

  /** Untraced. */
  public MasterMeters(RpcMeter rpc, MetadataMeter metadata, HealingMeter healing) {
    this(rpc, metadata, healing, OpenTelemetry.noop());
  }

  /** The same meters, tracing with {@code tracing}. */
  public MasterMeters tracedBy(OpenTelemetry tracing) {
    return new MasterMeters(rpc, metadata, healing, tracing);
  }
}
