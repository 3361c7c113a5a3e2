package io.godfs.adapters.grpc;

import io.godfs.api.v1.AllowSnapshotsRequest;
import io.godfs.api.v1.CreateSnapshotRequest;
import io.godfs.api.v1.DeleteSnapshotRequest;
import io.godfs.api.v1.GetSnapshotRequest;
import io.godfs.api.v1.ListSnapshotsRequest;
import io.godfs.api.v1.ListSnapshottableRequest;
import io.godfs.api.v1.RenameSnapshotRequest;
import io.godfs.api.v1.RestoreSnapshotRequest;
import io.godfs.api.v1.SnapshotDiffRequest;
import io.godfs.api.v1.SnapshotServiceGrpc;
import io.godfs.application.port.in.SnapshotClient;
import io.godfs.application.port.in.SnapshotManifest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.SnapshotChange;
import io.godfs.domain.file.SnapshotInfo;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The master's snapshots over the master client's connections and credential (ADR 0025): {@link
 * GrpcMasterClient#snapshots()}. Each call follows the leader and keeps its request id across
 * retries ({@link MasterEndpoints}), so a retried mutation applies once.
 */
final class GrpcSnapshotClient implements SnapshotClient {
  private final MasterEndpoints masters;
  private final Duration deadline;

  GrpcSnapshotClient(MasterEndpoints masters, Duration deadline) {
    this.masters = masters;
    this.deadline = deadline;
  }

  private <T> T call(Function<SnapshotServiceGrpc.SnapshotServiceBlockingStub, T> rpc) {
    return masters.call(
        channel ->
            rpc.apply(
                SnapshotServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)));
  }

  @Override
  public FileStatus allow(DfsPath dir) {
    return allowed(dir, true);
  }

  @Override
  public FileStatus disallow(DfsPath dir) {
    return allowed(dir, false);
  }

  private FileStatus allowed(DfsPath dir, boolean allow) {
    return ProtoMapper.toDomain(
        call(
            s ->
                s.allowSnapshots(
                    AllowSnapshotsRequest.newBuilder()
                        .setPath(dir.value())
                        .setAllow(allow)
                        .build())));
  }

  @Override
  public SnapshotInfo create(DfsPath dir, String name) {
    return SnapshotProtos.info(
        call(
            s ->
                s.createSnapshot(
                    CreateSnapshotRequest.newBuilder()
                        .setPath(dir.value())
                        .setName(name)
                        .build())));
  }

  @Override
  public SnapshotInfo delete(DfsPath dir, String name) {
    return SnapshotProtos.info(
        call(
            s ->
                s.deleteSnapshot(
                    DeleteSnapshotRequest.newBuilder()
                        .setPath(dir.value())
                        .setName(name)
                        .build())));
  }

  @Override
  public SnapshotInfo delete(long id) {
    return SnapshotProtos.info(
        call(s -> s.deleteSnapshot(DeleteSnapshotRequest.newBuilder().setSnapshotId(id).build())));
  }

  @Override
  public SnapshotInfo rename(DfsPath dir, String from, String to) {
    return SnapshotProtos.info(
        call(
            s ->
                s.renameSnapshot(
                    RenameSnapshotRequest.newBuilder()
                        .setPath(dir.value())
                        .setName(from)
                        .setNewName(to)
                        .build())));
  }

  @Override
  public List<SnapshotInfo> list(DfsPath dir) {
    return SnapshotProtos.infos(
        call(s -> s.listSnapshots(ListSnapshotsRequest.newBuilder().setPath(dir.value()).build())));
  }

  @Override
  public List<SnapshotInfo> listAll() {
    return SnapshotProtos.infos(
        call(s -> s.listSnapshots(ListSnapshotsRequest.getDefaultInstance())));
  }

  @Override
  public List<DfsPath> snapshottable() {
    return call(s -> s.listSnapshottable(ListSnapshottableRequest.getDefaultInstance()))
        .getPathsList()
        .stream()
        .map(DfsPath::new)
        .toList();
  }

  @Override
  public SnapshotManifest manifest(long id) {
    return SnapshotProtos.manifest(
        call(s -> s.getSnapshot(GetSnapshotRequest.newBuilder().setSnapshotId(id).build())));
  }

  @Override
  public List<SnapshotChange> diff(DfsPath dir, String from, String to) {
    return SnapshotProtos.changes(
        call(
            s ->
                s.snapshotDiff(
                    SnapshotDiffRequest.newBuilder()
                        .setPath(dir.value())
                        .setFrom(from)
                        .setTo(to == null ? "" : to)
                        .build())));
  }

  @Override
  public FileStatus restore(DfsPath snapshotPath, DfsPath target) {
    return ProtoMapper.toDomain(
        call(
            s ->
                s.restoreSnapshot(
                    RestoreSnapshotRequest.newBuilder()
                        .setSource(snapshotPath.value())
                        .setTarget(target == null ? "" : target.value())
                        .build())));
  }
}
