package io.godfs.application.client;

import io.godfs.application.port.out.MasterClient;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.LocatedFile;
import io.godfs.domain.node.ClusterInfo;
import io.godfs.domain.node.NodeId;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/** A master a stream test never expects to be called: tests override the calls they script. */
class UnusedMasterClient implements MasterClient {
  private static UnsupportedOperationException unexpected(String call) {
    return new UnsupportedOperationException("unexpected master call: " + call);
  }

  @Override
  public ClusterInfo clusterInfo() {
    throw unexpected("clusterInfo");
  }

  @Override
  public FileStatus mkdir(DfsPath path, boolean parents) {
    throw unexpected("mkdir");
  }

  @Override
  public FileStatus create(
      DfsPath path, boolean overwrite, int replication, long chunkSize, LeaseHolder writer) {
    throw unexpected("create");
  }

  @Override
  public FileStatus openForWrite(DfsPath path, LeaseHolder.Client writer) {
    throw unexpected("openForWrite");
  }

  @Override
  public void closeFile(FileId fileId, LeaseHolder.Client writer) {
    throw unexpected("closeFile");
  }

  @Override
  public Duration renewLease(LeaseHolder.Client writer) {
    throw unexpected("renewLease");
  }

  @Override
  public FileStatus stat(DfsPath path) {
    throw unexpected("stat");
  }

  @Override
  public Listing list(DfsPath path, String startAfter, int limit) {
    throw unexpected("list");
  }

  @Override
  public void rename(DfsPath source, DfsPath target, boolean replace) {
    throw unexpected("rename");
  }

  @Override
  public void renameOver(DfsPath source, DfsPath target, FileId expectedTargetId) {
    throw unexpected("renameOver");
  }

  @Override
  public int delete(DfsPath path, boolean recursive) {
    throw unexpected("delete");
  }

  @Override
  public FileStatus truncate(DfsPath path, long length, LeaseHolder writer) {
    throw unexpected("truncate");
  }

  @Override
  public ChunkWriteTarget allocateChunk(
      DfsPath path, FileId fileId, int index, Set<NodeId> excluded, LeaseHolder writer) {
    throw unexpected("allocateChunk");
  }

  @Override
  public long commitChunk(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunk,
      ChunkVersion version,
      long chunkLength,
      List<NodeId> replicas,
      LeaseHolder writer) {
    throw unexpected("commitChunk");
  }

  @Override
  public FileStatus createWithContent(DfsPath path, boolean overwrite, byte[] content) {
    throw unexpected("createWithContent");
  }

  @Override
  public FileStatus storeInline(
      DfsPath path, FileId fileId, long offset, byte[] data, boolean close, LeaseHolder writer) {
    throw unexpected("storeInline");
  }

  @Override
  public ChunkWriteTarget recoverChunk(
      DfsPath path,
      FileId fileId,
      int index,
      ChunkId chunk,
      ChunkVersion failedVersion,
      List<NodeId> survivors,
      LeaseHolder writer) {
    throw unexpected("recoverChunk");
  }

  @Override
  public LocatedFile locate(DfsPath path, long offset, long length) {
    throw unexpected("locate");
  }

  @Override
  public void reportBadReplica(ChunkId chunk, NodeId node, String reason) {
    throw unexpected("reportBadReplica");
  }

  @Override
  public void close() {}
}
