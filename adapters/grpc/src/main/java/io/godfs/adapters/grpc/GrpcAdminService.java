package io.godfs.adapters.grpc;

import static io.godfs.adapters.grpc.CallerInterceptor.caller;
import static io.godfs.adapters.grpc.Calls.path;
import static io.godfs.adapters.grpc.Calls.unary;

import io.godfs.api.v1.ClusterFiguresResponse;
import io.godfs.api.v1.DecommissionRequest;
import io.godfs.api.v1.FsckRequest;
import io.godfs.api.v1.FsckResponse;
import io.godfs.api.v1.GetClusterFiguresRequest;
import io.godfs.api.v1.GetSafeModeRequest;
import io.godfs.api.v1.ListMastersRequest;
import io.godfs.api.v1.ListNodesRequest;
import io.godfs.api.v1.ListNodesResponse;
import io.godfs.api.v1.ListRepairsRequest;
import io.godfs.api.v1.ListRepairsResponse;
import io.godfs.api.v1.MasterAdminGrpc;
import io.godfs.api.v1.MasterPeer;
import io.godfs.api.v1.MastersResponse;
import io.godfs.api.v1.NodeReport;
import io.godfs.api.v1.RemoveMasterRequest;
import io.godfs.api.v1.SafeModeStatus;
import io.godfs.api.v1.SetSafeModeRequest;
import io.godfs.application.port.in.AdminUseCase;
import io.godfs.domain.node.MasterInfo;
import io.godfs.domain.node.NodeId;
import io.grpc.stub.StreamObserver;

/** The master's operator API over gRPC. */
public final class GrpcAdminService extends MasterAdminGrpc.MasterAdminImplBase {
  private final AdminUseCase admin;

  public GrpcAdminService(AdminUseCase admin) {
    this.admin = admin;
  }

  @Override
  public void listNodes(ListNodesRequest r, StreamObserver<ListNodesResponse> out) {
    unary(
        out,
        () -> admin.nodes(caller()),
        nodes ->
            ListNodesResponse.newBuilder()
                .addAllNodes(nodes.stream().map(AdminProtos::toProto).toList())
                .build());
  }

  @Override
  public void fsck(FsckRequest r, StreamObserver<FsckResponse> out) {
    unary(out, () -> admin.fsck(caller(), path("path", r.getPath())), AdminProtos::toProto);
  }

  @Override
  public void decommission(DecommissionRequest r, StreamObserver<NodeReport> out) {
    unary(
        out,
        () -> admin.decommission(caller(), new NodeId(Calls.required("node_id", r.getNodeId()))),
        AdminProtos::toProto);
  }

  @Override
  public void getSafeMode(GetSafeModeRequest r, StreamObserver<SafeModeStatus> out) {
    unary(out, () -> admin.safeMode(caller()), AdminProtos::toProto);
  }

  @Override
  public void setSafeMode(SetSafeModeRequest r, StreamObserver<SafeModeStatus> out) {
    unary(out, () -> admin.setSafeMode(caller(), r.getOn()), AdminProtos::toProto);
  }

  @Override
  public void listMasters(ListMastersRequest r, StreamObserver<MastersResponse> out) {
    unary(out, () -> admin.masters(caller()), AdminProtos::masters);
  }

  @Override
  public void addMaster(MasterPeer r, StreamObserver<MastersResponse> out) {
    unary(
        out,
        () ->
            admin.addMaster(
                caller(),
                new MasterInfo(
                    Calls.required("node_id", r.getNodeId()),
                    Calls.required("raft_address", r.getRaftAddress()),
                    r.getGrpcAddress().isEmpty() ? null : r.getGrpcAddress(),
                    false)),
        AdminProtos::masters);
  }

  @Override
  public void removeMaster(RemoveMasterRequest r, StreamObserver<MastersResponse> out) {
    unary(
        out,
        () -> admin.removeMaster(caller(), Calls.required("node_id", r.getNodeId())),
        AdminProtos::masters);
  }

  @Override
  public void getClusterFigures(
      GetClusterFiguresRequest r, StreamObserver<ClusterFiguresResponse> out) {
    unary(out, () -> admin.clusterFigures(caller()), AdminProtos::toProto);
  }

  /** An unset limit (0) is the default; the use case refuses one out of range. */
  @Override
  public void listRepairs(ListRepairsRequest r, StreamObserver<ListRepairsResponse> out) {
    int limit = r.getLimit() == 0 ? AdminUseCase.REPAIRS_DEFAULT_LIMIT : r.getLimit();
    unary(out, () -> admin.repairs(caller(), limit), AdminProtos::repairsResponse);
  }
}
