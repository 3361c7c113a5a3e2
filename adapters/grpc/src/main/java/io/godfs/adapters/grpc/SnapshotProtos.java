package io.godfs.adapters.grpc;

import io.godfs.api.v1.ListSnapshotsResponse;
import io.godfs.api.v1.SnapshotChunk;
import io.godfs.api.v1.SnapshotDiffResponse;
import io.godfs.api.v1.SnapshotFile;
import io.godfs.api.v1.SnapshotReplica;
import io.godfs.application.port.in.SnapshotManifest;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.SnapshotChange;
import io.godfs.domain.file.SnapshotInfo;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.time.Instant;
import java.util.List;

/** Snapshots' values to and from their protobuf messages (ADR 0025), by hand as ProtoMapper. */
@SuppressWarnings("checkstyle:InlineFullyQualifiedName")
final class SnapshotProtos {
  /** The seed's files were all 0644. */
  static final int FILE_MODE = 0644;

  private SnapshotProtos() {}

  static io.godfs.api.v1.SnapshotInfo toProto(SnapshotInfo s) {
    return io.godfs.api.v1.SnapshotInfo.newBuilder()
        .setSnapshotId(s.id())
        .setPath(s.directory().value())
        .setName(s.name())
        .setCreatedAtMs(s.created().toEpochMilli())
        .build();
  }

  static SnapshotInfo info(io.godfs.api.v1.SnapshotInfo p) {
    return new SnapshotInfo(
        new DfsPath(p.getPath()),
        p.getName(),
        p.getSnapshotId(),
        Instant.ofEpochMilli(p.getCreatedAtMs()));
  }

  static ListSnapshotsResponse toProto(List<SnapshotInfo> list) {
    return ListSnapshotsResponse.newBuilder()
        .addAllSnapshots(list.stream().map(SnapshotProtos::toProto).toList())
        .build();
  }

  static List<SnapshotInfo> infos(ListSnapshotsResponse r) {
    return r.getSnapshotsList().stream().map(SnapshotProtos::info).toList();
  }

  static io.godfs.api.v1.SnapshotManifest toProto(SnapshotManifest m) {
    SnapshotInfo s = m.snapshot();
    var b =
        io.godfs.api.v1.SnapshotManifest.newBuilder()
            .setSnapshotId(s.id())
            .setLabel(s.name())
            .setCreatedAtUnix(s.created().getEpochSecond())
            .setCreatedAtMs(s.created().toEpochMilli())
            .setPath(s.directory().value())
            .setChunkSizeBytes(m.chunkSize())
            .setReplicationFactor(m.replication());
    for (SnapshotManifest.File f : m.files()) {
      SnapshotFile.Builder file =
          SnapshotFile.newBuilder()
              .setPath(f.path().value())
              .setSnapshotPath(f.snapshotPath().value())
              .setSize(f.length())
              .setMode(FILE_MODE)
              .setCreatedAtUnix(f.created().getEpochSecond())
              .setModifiedAtUnix(f.modified().getEpochSecond())
              .setInline(f.inline());
      for (LocatedChunk c : f.chunks()) {
        SnapshotChunk.Builder chunk =
            SnapshotChunk.newBuilder()
                .setChunkId(c.chunkId().value())
                .setChunkIndex(c.index())
                .setVersion(c.version().value())
                .setLength(c.length());
        for (NodeLocation r : c.replicas()) {
          chunk.addReplicas(
              SnapshotReplica.newBuilder()
                  .setNodeId(r.id().value())
                  .setGrpcAddress(r.address().toString()));
        }
        file.addChunks(chunk);
      }
      b.addFiles(file);
    }
    return b.build();
  }

  static SnapshotManifest manifest(io.godfs.api.v1.SnapshotManifest p) {
    SnapshotInfo s =
        new SnapshotInfo(
            new DfsPath(p.getPath()),
            p.getLabel(),
            p.getSnapshotId(),
            Instant.ofEpochMilli(p.getCreatedAtMs()));
    List<SnapshotManifest.File> files =
        p.getFilesList().stream()
            .map(
                f ->
                    new SnapshotManifest.File(
                        new DfsPath(f.getPath()),
                        new DfsPath(f.getSnapshotPath()),
                        f.getSize(),
                        Instant.ofEpochSecond(f.getCreatedAtUnix()),
                        Instant.ofEpochSecond(f.getModifiedAtUnix()),
                        f.getInline(),
                        f.getChunksList().stream().map(SnapshotProtos::chunk).toList()))
            .toList();
    return new SnapshotManifest(s, p.getChunkSizeBytes(), p.getReplicationFactor(), files);
  }

  private static LocatedChunk chunk(SnapshotChunk c) {
    return new LocatedChunk(
        c.getChunkIndex(),
        new ChunkId(c.getChunkId()),
        new ChunkVersion(c.getVersion()),
        c.getLength(),
        c.getReplicasList().stream()
            .map(
                r ->
                    new NodeLocation(
                        new NodeId(r.getNodeId()), NodeAddress.parse(r.getGrpcAddress())))
            .toList());
  }

  static SnapshotDiffResponse diff(List<SnapshotChange> changes) {
    SnapshotDiffResponse.Builder b = SnapshotDiffResponse.newBuilder();
    for (SnapshotChange c : changes) {
      var change =
          io.godfs.api.v1.SnapshotChange.newBuilder()
              .setKind(
                  switch (c.kind()) {
                    case CREATED -> io.godfs.api.v1.SnapshotChange.Kind.KIND_CREATED;
                    case DELETED -> io.godfs.api.v1.SnapshotChange.Kind.KIND_DELETED;
                    case MODIFIED -> io.godfs.api.v1.SnapshotChange.Kind.KIND_MODIFIED;
                    case RENAMED -> io.godfs.api.v1.SnapshotChange.Kind.KIND_RENAMED;
                  })
              .setPath(c.path().value());
      if (c.target() != null) {
        change.setTarget(c.target().value());
      }
      b.addChanges(change);
    }
    return b.build();
  }

  static List<SnapshotChange> changes(SnapshotDiffResponse r) {
    return r.getChangesList().stream()
        .map(
            c ->
                new SnapshotChange(
                    switch (c.getKind()) {
                      case KIND_CREATED -> SnapshotChange.Kind.CREATED;
                      case KIND_DELETED -> SnapshotChange.Kind.DELETED;
                      case KIND_RENAMED -> SnapshotChange.Kind.RENAMED;
                      default -> SnapshotChange.Kind.MODIFIED;
                    },
                    new DfsPath(c.getPath()),
                    c.getTarget().isEmpty() ? null : new DfsPath(c.getTarget())))
        .toList();
  }
}
