package io.godfs.adapters.grpc;

import io.godfs.api.v1.ChunkHealth;
import io.godfs.api.v1.ClusterFiguresResponse;
import io.godfs.api.v1.FileHealth;
import io.godfs.api.v1.FsckResponse;
import io.godfs.api.v1.HealingCensus;
import io.godfs.api.v1.ListRepairsResponse;
import io.godfs.api.v1.MasterPeer;
import io.godfs.api.v1.MastersResponse;
import io.godfs.api.v1.NodeFigures;
import io.godfs.application.port.in.ChunkReport;
import io.godfs.application.port.in.ClusterFigures;
import io.godfs.application.port.in.FsckReport;
import io.godfs.application.port.in.NodeReport;
import io.godfs.application.port.in.RepairEvent;
import io.godfs.application.port.in.SafeModeStatus;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.AdminState;
import io.godfs.domain.node.MasterInfo;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeHealth;
import io.godfs.domain.node.NodeId;
import java.time.Instant;
import java.util.List;

/** Admin reports to and from their protobuf form, both ways in one place. */
@SuppressWarnings("checkstyle:InlineFullyQualifiedName")
final class AdminProtos {
  private AdminProtos() {}

  static io.godfs.api.v1.NodeReport toProto(NodeReport r) {
    return io.godfs.api.v1.NodeReport.newBuilder()
        .setNodeId(r.id().value())
        .setAddress(r.address().toString())
        .setHealth(r.health().name())
        .setAdminState(r.adminState().name())
        .setCapacityBytes(r.capacityBytes())
        .setUsedBytes(r.usedBytes())
        .setReplicas(r.replicas())
        .setLastHeartbeatMs(r.lastHeartbeat().toEpochMilli())
        .build();
  }

  static NodeReport node(io.godfs.api.v1.NodeReport p) {
    return new NodeReport(
        new NodeId(p.getNodeId()),
        NodeAddress.parse(p.getAddress()),
        NodeHealth.valueOf(p.getHealth()),
        AdminState.valueOf(p.getAdminState()),
        p.getCapacityBytes(),
        p.getUsedBytes(),
        p.getReplicas(),
        Instant.ofEpochMilli(p.getLastHeartbeatMs()));
  }

  static FsckResponse toProto(FsckReport r) {
    FsckResponse.Builder b = FsckResponse.newBuilder().setPath(r.path().value());
    for (FsckReport.FileReport f : r.files()) {
      FileHealth.Builder fb =
          FileHealth.newBuilder()
              .setPath(f.path().value())
              .setLength(f.length())
              .setReplication(f.replication())
              .setBeingWritten(f.beingWritten());
      for (ChunkReport c : f.chunks()) {
        fb.addChunks(
            ChunkHealth.newBuilder()
                .setIndex(c.index())
                .setChunkId(c.chunk().value())
                .setVersion(c.version().value())
                .setLength(c.length())
                .setWanted(c.wanted())
                .addAllGoodNodeIds(ids(c.good()))
                .addAllCorruptNodeIds(ids(c.corrupt()))
                .addAllStaleNodeIds(ids(c.stale()))
                .setStatus(c.status().name()));
      }
      b.addFiles(fb);
    }
    return b.build();
  }

  static FsckReport fsck(FsckResponse p) {
    List<FsckReport.FileReport> files =
        p.getFilesList().stream()
            .map(
                f ->
                    new FsckReport.FileReport(
                        DfsPath.of(f.getPath()),
                        f.getLength(),
                        f.getReplication(),
                        f.getBeingWritten(),
                        f.getChunksList().stream()
                            .map(
                                c ->
                                    new ChunkReport(
                                        c.getIndex(),
                                        new ChunkId(c.getChunkId()),
                                        new ChunkVersion(c.getVersion()),
                                        c.getLength(),
                                        c.getWanted(),
                                        nodes(c.getGoodNodeIdsList()),
                                        nodes(c.getCorruptNodeIdsList()),
                                        nodes(c.getStaleNodeIdsList()),
                                        ChunkReport.Status.valueOf(c.getStatus())))
                            .toList()))
            .toList();
    return new FsckReport(DfsPath.of(p.getPath()), files);
  }

  static io.godfs.api.v1.SafeModeStatus toProto(SafeModeStatus s) {
    return io.godfs.api.v1.SafeModeStatus.newBuilder()
        .setOn(s.on())
        .setManual(s.manual())
        .setReason(s.reason())
        .build();
  }

  static SafeModeStatus safeMode(io.godfs.api.v1.SafeModeStatus p) {
    return new SafeModeStatus(p.getOn(), p.getManual(), p.getReason());
  }

  private static List<String> ids(List<NodeId> nodes) {
    return nodes.stream().map(NodeId::value).toList();
  }

  private static List<NodeId> nodes(List<String> ids) {
    return ids.stream().map(NodeId::new).toList();
  }

  static MasterPeer toProto(MasterInfo m) {
    return MasterPeer.newBuilder()
        .setNodeId(m.id())
        .setRaftAddress(m.raftAddress())
        .setGrpcAddress(m.clientAddress() == null ? "" : m.clientAddress())
        .setLeader(m.leader())
        .build();
  }

  static MastersResponse masters(List<MasterInfo> masters) {
    return MastersResponse.newBuilder()
        .addAllMasters(masters.stream().map(AdminProtos::toProto).toList())
        .build();
  }

  static List<MasterInfo> fromProto(MastersResponse r) {
    return r.getMastersList().stream()
        .map(
            p ->
                new MasterInfo(
                    p.getNodeId(),
                    p.getRaftAddress(),
                    p.getGrpcAddress().isEmpty() ? null : p.getGrpcAddress(),
                    p.getLeader()))
        .toList();
  }

  static ClusterFiguresResponse toProto(ClusterFigures f) {
    ClusterFigures.Census c = f.census();
    ClusterFiguresResponse.Builder b =
        ClusterFiguresResponse.newBuilder()
            .setSafeMode(f.safeMode())
            .setCensus(
                HealingCensus.newBuilder()
                    .setAtMs(c.at().toEpochMilli())
                    .setChunks(c.chunks())
                    .setUnderReplicated(c.underReplicated())
                    .setMissing(c.missing())
                    .setCorruptReplicas(c.corruptReplicas())
                    .setStaleReplicas(c.staleReplicas()))
            .setCopiesInFlight(f.copiesInFlight())
            .setPendingDeletes(f.pendingDeletes())
            .setReadBytes(f.readBytes())
            .setWrittenBytes(f.writtenBytes());
    for (ClusterFigures.NodeFigures n : f.nodes()) {
      b.addNodes(
          NodeFigures.newBuilder()
              .setNodeId(n.id())
              .setLive(n.live())
              .setAdminState(n.adminState().name())
              .setCapacityBytes(n.capacityBytes())
              .setUsedBytes(n.usedBytes()));
    }
    return b.build();
  }

  static ClusterFigures figures(ClusterFiguresResponse p) {
    HealingCensus c = p.getCensus();
    return new ClusterFigures(
        p.getNodesList().stream()
            .map(
                n ->
                    new ClusterFigures.NodeFigures(
                        n.getNodeId(),
                        n.getLive(),
                        AdminState.valueOf(n.getAdminState()),
                        n.getCapacityBytes(),
                        n.getUsedBytes()))
            .toList(),
        p.getSafeMode(),
        new ClusterFigures.Census(
            Instant.ofEpochMilli(c.getAtMs()),
            c.getChunks(),
            c.getUnderReplicated(),
            c.getMissing(),
            c.getCorruptReplicas(),
            c.getStaleReplicas()),
        p.getCopiesInFlight(),
        p.getPendingDeletes(),
        p.getReadBytes(),
        p.getWrittenBytes());
  }

  static ListRepairsResponse repairsResponse(List<RepairEvent> events) {
    ListRepairsResponse.Builder b = ListRepairsResponse.newBuilder();
    for (RepairEvent e : events) {
      b.addEvents(
          io.godfs.api.v1.RepairEvent.newBuilder()
              .setAtMs(e.at().toEpochMilli())
              .setKind(e.kind().name())
              .setChunkId(e.chunk() == null ? 0 : e.chunk().value())
              .setNodeId(e.node() == null ? "" : e.node().value())
              .setLiveCopies(e.liveCopies()));
    }
    return b.build();
  }

  static List<RepairEvent> repairs(ListRepairsResponse p) {
    return p.getEventsList().stream()
        .map(
            e ->
                new RepairEvent(
                    Instant.ofEpochMilli(e.getAtMs()),
                    RepairEvent.Kind.valueOf(e.getKind()),
                    e.getChunkId() == 0 ? null : new ChunkId(e.getChunkId()),
                    e.getNodeId().isEmpty() ? null : new NodeId(e.getNodeId()),
                    e.getLiveCopies()))
        .toList();
  }
}
