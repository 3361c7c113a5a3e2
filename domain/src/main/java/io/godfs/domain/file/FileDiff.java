package io.godfs.domain.file;

import java.time.Instant;
import java.util.TreeMap;

/**
 * A file's whole state at the snapshot: length, committed chunks (those with bytes), inline bytes.
 * Every chunk named here is held ({@link ChunkHolds}): never collected, never written again.
 */
final class FileDiff extends InodeDiff {
  final long length;
  final TreeMap<Integer, ChunkRef> chunks;
  final byte[] inline;

  FileDiff(
      long snapshotId,
      Instant modificationTime,
      long length,
      TreeMap<Integer, ChunkRef> chunks,
      byte[] inline,
      InodeAttributes attributes,
      Xattrs xattrs) {
    super(snapshotId, modificationTime, attributes, xattrs);
    this.length = length;
    this.chunks = chunks;
    this.inline = inline;
  }
}
