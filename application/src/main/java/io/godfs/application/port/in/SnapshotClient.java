package io.godfs.application.port.in;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.SnapshotChange;
import io.godfs.domain.file.SnapshotInfo;
import java.util.List;

/**
 * Snapshots (ADR 0025) as a remote client reaches them ({@link SnapshotUseCase} over the wire),
 * implemented by the gRPC adapter. The caller is whoever the connection's credential names. Every
 * method throws {@link io.godfs.domain.error.DfsException} with the master's refusal, as {@link
 * FileSystemUseCase} does.
 */
public interface SnapshotClient {

  FileStatus allow(DfsPath dir);

  FileStatus disallow(DfsPath dir);

  SnapshotInfo create(DfsPath dir, String name);

  SnapshotInfo delete(DfsPath dir, String name);

  SnapshotInfo delete(long id);

  SnapshotInfo rename(DfsPath dir, String from, String to);

  /** The snapshots of {@code dir}, oldest first. */
  List<SnapshotInfo> list(DfsPath dir);

  /** Every snapshot the caller may read, by directory then age. */
  List<SnapshotInfo> listAll();

  List<DfsPath> snapshottable();

  SnapshotManifest manifest(long id);

  /** {@code to} null: from snapshot {@code from} to now. */
  List<SnapshotChange> diff(DfsPath dir, String from, String to);

  FileStatus restore(DfsPath snapshotPath, DfsPath target);
}
