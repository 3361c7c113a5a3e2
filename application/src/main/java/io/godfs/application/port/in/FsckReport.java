package io.godfs.application.port.in;

import io.godfs.domain.file.DfsPath;
import java.util.List;

/** {@code godfs admin fsck}: every file under a path with its chunks' health. */
public record FsckReport(DfsPath path, List<FileReport> files) {

  /** One file: its chunks in index order (a missing index is a hole). */
  public record FileReport(
      DfsPath path, long length, int replication, boolean beingWritten, List<ChunkReport> chunks) {
    public FileReport {
      chunks = List.copyOf(chunks);
    }

    public boolean healthy() {
      return chunks.stream().noneMatch(c -> c.status().isProblem() || !c.corrupt().isEmpty());
    }
  }

  public FsckReport {
    files = List.copyOf(files);
  }

  public boolean healthy() {
    return files.stream().allMatch(FileReport::healthy);
  }

  public long count(ChunkReport.Status status) {
    return files.stream()
        .flatMap(f -> f.chunks().stream())
        .filter(c -> c.status() == status)
        .count();
  }

  public long corruptReplicas() {
    return files.stream()
        .flatMap(f -> f.chunks().stream())
        .mapToLong(c -> c.corrupt().size())
        .sum();
  }
}
