package io.godfs.adapters.grpc;

import io.godfs.api.v1.DecommissionRequest;
import io.godfs.api.v1.FsckRequest;
import io.godfs.api.v1.GetClusterFiguresRequest;
import io.godfs.api.v1.GetSafeModeRequest;
import io.godfs.api.v1.ListMastersRequest;
import io.godfs.api.v1.ListNodesRequest;
import io.godfs.api.v1.ListRepairsRequest;
import io.godfs.api.v1.MasterAdminGrpc;
import io.godfs.api.v1.RemoveMasterRequest;
import io.godfs.api.v1.SetSafeModeRequest;
import io.godfs.application.port.in.AdminClient;
import io.godfs.application.port.in.ClusterFigures;
import io.godfs.application.port.in.FsckReport;
import io.godfs.application.port.in.NodeReport;
import io.godfs.application.port.in.RepairEvent;
import io.godfs.application.port.in.SafeModeStatus;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.MasterInfo;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The master's admin use case, called remotely: refusals come back as {@link Outcome.Rejected}, an
 * unreachable master as a DfsException UNAVAILABLE naming it.
 */
public final class GrpcAdminClient implements AdminClient {
  private final MasterEndpoints masters;
  private final Duration deadline;

  /** {@code addresses}: one master, or every master of a replicated group (comma-separated). */
  public GrpcAdminClient(String addresses, ChannelPool channels, Duration deadline) {
    this.masters = new MasterEndpoints(addresses, channels);
    this.deadline = deadline;
  }

  private <T> T call(Function<MasterAdminGrpc.MasterAdminBlockingStub, T> rpc) {
    return masters.call(
        channel ->
            rpc.apply(
                MasterAdminGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)));
  }

  private static <T> Outcome<T> outcome(Supplier<T> call) {
    try {
      return Outcome.ok(call.get());
    } catch (DfsException e) {
      if (e.code() == ErrorCode.UNAVAILABLE) {
        throw e;
      }
      return Outcome.rejected(e.code(), e.getMessage());
    }
  }

  @Override
  public List<NodeReport> nodes() {
    return call(s -> s.listNodes(ListNodesRequest.getDefaultInstance())).getNodesList().stream()
        .map(AdminProtos::node)
        .toList();
  }

  @Override
  public Outcome<FsckReport> fsck(DfsPath path) {
    return outcome(
        () ->
            AdminProtos.fsck(
                call(s -> s.fsck(FsckRequest.newBuilder().setPath(path.value()).build()))));
  }

  @Override
  public Outcome<NodeReport> decommission(NodeId node) {
    return outcome(
        () ->
            AdminProtos.node(
                call(
                    s ->
                        s.decommission(
                            DecommissionRequest.newBuilder().setNodeId(node.value()).build()))));
  }

  @Override
  public SafeModeStatus safeMode() {
    return AdminProtos.safeMode(call(s -> s.getSafeMode(GetSafeModeRequest.getDefaultInstance())));
  }

  @Override
  public SafeModeStatus setSafeMode(boolean on) {
    return AdminProtos.safeMode(
        call(s -> s.setSafeMode(SetSafeModeRequest.newBuilder().setOn(on).build())));
  }

  @Override
  public Outcome<List<MasterInfo>> masters() {
    return outcome(
        () ->
            AdminProtos.fromProto(
                call(s -> s.listMasters(ListMastersRequest.getDefaultInstance()))));
  }

  @Override
  public Outcome<List<MasterInfo>> addMaster(MasterInfo master) {
    return outcome(
        () -> AdminProtos.fromProto(call(s -> s.addMaster(AdminProtos.toProto(master)))));
  }

  @Override
  public Outcome<List<MasterInfo>> removeMaster(String id) {
    return outcome(
        () ->
            AdminProtos.fromProto(
                call(s -> s.removeMaster(RemoveMasterRequest.newBuilder().setNodeId(id).build()))));
  }

  @Override
  public ClusterFigures clusterFigures() {
    return AdminProtos.figures(
        call(s -> s.getClusterFigures(GetClusterFiguresRequest.getDefaultInstance())));
  }

  @Override
  public List<RepairEvent> repairs(int limit) {
    return AdminProtos.repairs(
        call(s -> s.listRepairs(ListRepairsRequest.newBuilder().setLimit(limit).build())));
  }
}
