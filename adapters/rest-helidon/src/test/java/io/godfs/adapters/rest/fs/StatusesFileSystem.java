package io.godfs.adapters.rest.fs;

import io.godfs.application.port.in.DfsOutput;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Listing;
import io.godfs.domain.node.ClusterInfo;
import java.util.TreeMap;

/**
 * A namespace of statuses for the gateway's route tests: stat and list answer from {@link
 * #statuses} as the master does; the calls a test does not expect fail loudly.
 */
abstract class StatusesFileSystem implements FileSystemUseCase {
  final TreeMap<DfsPath, FileStatus> statuses = new TreeMap<>();

  @Override
  public FileStatus stat(DfsPath path) {
    FileStatus s = statuses.get(path);
    if (s == null) {
      throw new DfsException(ErrorCode.NOT_FOUND, path + " does not exist");
    }
    return s;
  }

  @Override
  public Listing list(DfsPath path, String startAfter, int limit) {
    stat(path);
    return new Listing(
        statuses.values().stream()
            .filter(s -> !s.path().isRoot() && s.path().parent().equals(path))
            .toList(),
        false);
  }

  @Override
  public FileStatus mkdir(DfsPath path, boolean parents) {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileStatus createEmpty(DfsPath path, boolean overwrite) {
    throw new UnsupportedOperationException();
  }

  @Override
  public ClusterInfo clusterInfo() {
    throw new UnsupportedOperationException();
  }

  @Override
  public void rename(DfsPath source, DfsPath target, boolean replace) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void renameOver(DfsPath source, DfsPath target, FileId expectedTargetId) {
    throw new UnsupportedOperationException();
  }

  @Override
  public int delete(DfsPath path, boolean recursive) {
    throw new UnsupportedOperationException();
  }

  @Override
  public FileStatus truncate(DfsPath path, long length) {
    throw new UnsupportedOperationException();
  }

  @Override
  public DfsOutput create(DfsPath path, boolean overwrite) {
    throw new UnsupportedOperationException();
  }

  @Override
  public DfsOutput openForWriteAt(DfsPath path, long offset) {
    throw new UnsupportedOperationException();
  }

  @Override
  public SeekableInput open(DfsPath path) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void close() {}
}
