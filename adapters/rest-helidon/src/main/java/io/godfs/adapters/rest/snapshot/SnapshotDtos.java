package io.godfs.adapters.rest.snapshot;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.godfs.application.port.in.SnapshotManifest;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.file.SnapshotChange;
import io.godfs.domain.file.SnapshotInfo;
import java.util.List;
import java.util.Locale;

/**
 * The snapshot endpoints' JSON bodies (ADR 0025). Snake case, as the rest of {@code /v1}, except
 * the seed's manifest ({@code GET /v1/snapshots/{id}}), which the seed sent with protobuf's JSON
 * names (lower camel case). A snapshot id is a string, as the seed's (a UUID) was.
 */
public final class SnapshotDtos {
  private SnapshotDtos() {}

  /** {@code POST /v1/snapshots}: the seed's {@code {"label"}}, a snapshot of {@code /}. */
  public record LabelRequest(String label) {}

  /** {@code POST /v1/snapshots}'s answer. */
  public record Created(String snapshotId, long createdAtUnix) {}

  /** One line of the seed's {@code GET /v1/snapshots}, plus the snapshot's directory. */
  public record SeedListed(
      String snapshotId, String label, long createdAtUnix, int fileCount, String path) {}

  public record SeedList(List<SeedListed> snapshots) {}

  /** {@code POST /v1/fs/snapshots}, {@code DELETE} and rename: a directory and snapshot names. */
  public record NameRequest(String path, String name, String newName) {}

  /** {@code POST /v1/fs/snapshots/restore}: {@code target} absent: the path outside .snapshot. */
  public record RestoreRequest(String source, String target) {}

  /** A snapshot as {@code /v1/fs/snapshots} shows it. */
  public record Snapshot(
      String snapshotId,
      String path,
      String name,
      String snapshotPath,
      String createdAt,
      long createdAtUnix) {
    static Snapshot of(SnapshotInfo s) {
      return new Snapshot(
          Long.toString(s.id()),
          s.directory().value(),
          s.name(),
          s.path().value(),
          s.created().toString(),
          s.created().getEpochSecond());
    }
  }

  public record SnapshotList(List<Snapshot> snapshots) {}

  public record Directories(List<String> directories) {}

  /** One change: {@code kind} is created, deleted, modified or renamed (then {@code target}). */
  public record Change(
      String kind, String path, @JsonInclude(JsonInclude.Include.NON_NULL) String target) {
    static Change of(SnapshotChange c) {
      return new Change(
          c.kind().name().toLowerCase(Locale.ROOT),
          c.path().value(),
          c.target() == null ? null : c.target().value());
    }
  }

  public record Diff(String path, String from, String to, List<Change> changes) {}

  /** The seed's manifest, in its protobuf JSON names; no {@code checksumSha256} (ADR 0025). */
  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Manifest(
      String snapshotId,
      String label,
      long createdAtUnix,
      long chunkSizeBytes,
      int replicationFactor,
      List<ManifestFile> files,
      String path) {
    static Manifest of(SnapshotManifest m) {
      SnapshotInfo s = m.snapshot();
      return new Manifest(
          Long.toString(s.id()),
          s.name(),
          s.created().getEpochSecond(),
          m.chunkSize(),
          m.replication(),
          m.files().stream().map(ManifestFile::of).toList(),
          s.directory().value());
    }
  }

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record ManifestFile(
      String path,
      long size,
      int mode,
      long createdAtUnix,
      long modifiedAtUnix,
      List<ManifestChunk> chunks,
      String snapshotPath,
      boolean inline) {
    static ManifestFile of(SnapshotManifest.File f) {
      return new ManifestFile(
          f.path().value(),
          f.length(),
          0644,
          f.created().getEpochSecond(),
          f.modified().getEpochSecond(),
          f.chunks().stream().map(ManifestChunk::of).toList(),
          f.snapshotPath().value(),
          f.inline());
    }
  }

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record ManifestChunk(
      String chunkId, int chunkIndex, long version, long length, List<Replica> replicas) {
    static ManifestChunk of(LocatedChunk c) {
      return new ManifestChunk(
          Long.toString(c.chunkId().value()),
          c.index(),
          c.version().value(),
          c.length(),
          c.replicas().stream()
              .map(r -> new Replica(r.id().value(), r.address().toString()))
              .toList());
    }
  }

  @JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
  public record Replica(String nodeId, String grpcAddress) {}
}
