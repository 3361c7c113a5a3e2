package io.godfs.adapters.grpc;

import io.godfs.api.v1.DeleteRequest;
import io.godfs.api.v1.ListTrashRequest;
import io.godfs.api.v1.MasterServiceGrpc;
import io.godfs.api.v1.RestoreDeletedRequest;
import io.godfs.application.port.in.Deletion;
import io.godfs.application.port.in.TrashClient;
import io.godfs.application.port.in.TrashEntry;
import io.godfs.application.port.in.TrashPage;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * The master's trash over the master client's connections and credential (ADR 0024): {@link
 * GrpcMasterClient#trash()}.
 */
final class GrpcTrashClient implements TrashClient {
  private final MasterEndpoints masters;
  private final Duration deadline;

  GrpcTrashClient(MasterEndpoints masters, Duration deadline) {
    this.masters = masters;
    this.deadline = deadline;
  }

  private <T> T call(Function<MasterServiceGrpc.MasterServiceBlockingStub, T> rpc) {
    return masters.call(
        channel ->
            rpc.apply(
                MasterServiceGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(deadline.toMillis(), TimeUnit.MILLISECONDS)));
  }

  @Override
  public Deletion delete(DfsPath path, boolean recursive) {
    return TrashProtos.deletion(
        call(
            s ->
                s.delete(
                    DeleteRequest.newBuilder()
                        .setPath(path.value())
                        .setRecursive(recursive)
                        .build())));
  }

  @Override
  public TrashPage list(String startAfter, int limit) {
    return TrashProtos.page(
        call(
            s ->
                s.listTrash(
                    ListTrashRequest.newBuilder()
                        .setStartAfter(startAfter == null ? "" : startAfter)
                        .setLimit(limit)
                        .build())));
  }

  @Override
  public FileStatus restore(DfsPath path, Optional<TrashEntry.Id> entry) {
    return ProtoMapper.toDomain(
        call(
            s ->
                s.restoreDeleted(
                    RestoreDeletedRequest.newBuilder()
                        .setPath(path.value())
                        .setEntryId(entry.map(TrashEntry.Id::value).orElse(""))
                        .build())));
  }
}
