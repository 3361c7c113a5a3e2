package io.godfs.domain.file;

import io.godfs.domain.chunk.ChunkId;

/** What {@link SnapshotModelTest} prints about an inode or a chunk when a check fails. */
final class SnapshotDiagnostics {
  private SnapshotDiagnostics() {}

  static String inodeAt(Namespace ns, String path) {
    var v = ns.treeReads().resolve(DfsPath.of(path)).orThrow();
    Inode i = v.inode();
    return "inode "
        + i.id
        + " at "
        + v.at()
        + " links "
        + i.links
        + " diffs "
        + (i.diffs == null
            ? "none"
            : i.diffs.diffs.stream()
                    .map(d -> d.snapshotId + (d instanceof FileDiff f ? "=" + f.length : ""))
                    .toList()
                + " pins "
                + i.diffs.pins
                + " entered "
                + i.diffs.entered
                + " keptBy "
                + i.diffs.keptBy);
  }

  static String describe(Namespace ns, ChunkId chunk) {
    ChunkHolds.Hold h = ns.files().holds.get(chunk);
    if (h == null) {
      return String.valueOf(ns.chunkOwner(chunk));
    }
    FileInode f = h.file;
    return "held "
        + h.refs
        + " by file "
        + f.id
        + " links "
        + f.links
        + " live "
        + (ns.files().file(f.id) == f)
        + " chunks "
        + f.chunks
        + " diffs "
        + (f.diffs == null
            ? "none"
            : f.diffs.diffs.stream().map(d -> d.snapshotId + "=" + ((FileDiff) d).chunks).toList()
                + " keptBy "
                + f.diffs.keptBy
                + " pins "
                + f.diffs.pins);
  }
}
