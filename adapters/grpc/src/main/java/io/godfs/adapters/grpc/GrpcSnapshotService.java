package io.godfs.adapters.grpc;

import static io.godfs.adapters.grpc.CallerInterceptor.caller;
import static io.godfs.adapters.grpc.Calls.path;
import static io.godfs.adapters.grpc.Calls.unary;

import io.godfs.api.v1.AllowSnapshotsRequest;
import io.godfs.api.v1.CreateSnapshotRequest;
import io.godfs.api.v1.DeleteSnapshotRequest;
import io.godfs.api.v1.FileStatus;
import io.godfs.api.v1.GetSnapshotRequest;
import io.godfs.api.v1.ListSnapshotsRequest;
import io.godfs.api.v1.ListSnapshotsResponse;
import io.godfs.api.v1.ListSnapshottableRequest;
import io.godfs.api.v1.ListSnapshottableResponse;
import io.godfs.api.v1.RenameSnapshotRequest;
import io.godfs.api.v1.RestoreSnapshotRequest;
import io.godfs.api.v1.SnapshotDiffRequest;
import io.godfs.api.v1.SnapshotDiffResponse;
import io.godfs.api.v1.SnapshotInfo;
import io.godfs.api.v1.SnapshotManifest;
import io.godfs.api.v1.SnapshotServiceGrpc;
import io.godfs.application.port.in.SnapshotUseCase;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.grpc.stub.StreamObserver;

/**
 * The master's snapshot API over gRPC (ADR 0025). Served behind the same {@link LeaderGate},
 * caller, audit, metering and tracing interceptors as {@link GrpcMasterService}.
 */
public final class GrpcSnapshotService extends SnapshotServiceGrpc.SnapshotServiceImplBase {
  private final SnapshotUseCase snapshots;

  public GrpcSnapshotService(SnapshotUseCase snapshots) {
    this.snapshots = snapshots;
  }

  @Override
  public void allowSnapshots(AllowSnapshotsRequest r, StreamObserver<FileStatus> out) {
    unary(
        out,
        () -> {
          DfsPath dir = path("path", r.getPath());
          return r.getAllow() ? snapshots.allow(caller(), dir) : snapshots.disallow(caller(), dir);
        },
        ProtoMapper::toProto);
  }

  @Override
  public void createSnapshot(CreateSnapshotRequest r, StreamObserver<SnapshotInfo> out) {
    unary(
        out,
        () -> snapshots.create(caller(), path("path", r.getPath()), name("name", r.getName())),
        SnapshotProtos::toProto);
  }

  @Override
  public void deleteSnapshot(DeleteSnapshotRequest r, StreamObserver<SnapshotInfo> out) {
    unary(
        out,
        () -> {
          if (r.getPath().isEmpty() && r.getName().isEmpty() && r.getSnapshotId() != 0) {
            return snapshots.delete(caller(), r.getSnapshotId());
          }
          return snapshots.delete(caller(), path("path", r.getPath()), name("name", r.getName()));
        },
        SnapshotProtos::toProto);
  }

  @Override
  public void renameSnapshot(RenameSnapshotRequest r, StreamObserver<SnapshotInfo> out) {
    unary(
        out,
        () ->
            snapshots.rename(
                caller(),
                path("path", r.getPath()),
                name("name", r.getName()),
                name("new_name", r.getNewName())),
        SnapshotProtos::toProto);
  }

  @Override
  public void listSnapshots(ListSnapshotsRequest r, StreamObserver<ListSnapshotsResponse> out) {
    unary(
        out,
        () ->
            r.getPath().isEmpty()
                ? snapshots.listAll(caller())
                : snapshots.list(caller(), path("path", r.getPath())),
        SnapshotProtos::toProto);
  }

  @Override
  public void listSnapshottable(
      ListSnapshottableRequest r, StreamObserver<ListSnapshottableResponse> out) {
    unary(
        out,
        () -> snapshots.snapshottable(caller()),
        dirs ->
            ListSnapshottableResponse.newBuilder()
                .addAllPaths(dirs.stream().map(DfsPath::value).toList())
                .build());
  }

  @Override
  public void getSnapshot(GetSnapshotRequest r, StreamObserver<SnapshotManifest> out) {
    unary(
        out,
        () -> snapshots.manifest(caller(), Calls.positive("snapshot_id", r.getSnapshotId())),
        SnapshotProtos::toProto);
  }

  @Override
  public void snapshotDiff(SnapshotDiffRequest r, StreamObserver<SnapshotDiffResponse> out) {
    unary(
        out,
        () ->
            snapshots.diff(
                caller(),
                path("path", r.getPath()),
                name("from", r.getFrom()),
                r.getTo().isEmpty() ? null : name("to", r.getTo())),
        SnapshotProtos::diff);
  }

  @Override
  public void restoreSnapshot(RestoreSnapshotRequest r, StreamObserver<FileStatus> out) {
    unary(
        out,
        () -> {
          DfsPath source = path("source", r.getSource());
          DfsPath target =
              r.getTarget().isEmpty()
                  ? SnapshotUseCase.liveTarget(source)
                      .orElseThrow(
                          () ->
                              new DfsException(
                                  ErrorCode.INVALID_ARGUMENT,
                                  "source: "
                                      + source
                                      + " is not in a snapshot (expected:"
                                      + " <dir>/.snapshot/<name>[/...])"))
                  : path("target", r.getTarget());
          return snapshots.restore(caller(), source, target);
        },
        ProtoMapper::toProto);
  }

  /** A snapshot name as sent: required and bounded here, checked by the namespace itself. */
  private static String name(String field, String value) {
    return Calls.bounded(field, Calls.required(field, value), Calls.MAX_TEXT_CHARS);
  }
}
