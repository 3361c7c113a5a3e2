package io.godfs.application.fake;

import io.godfs.application.master.MasterServices;
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
import java.util.Objects;
import java.util.Set;

/**
 * A {@link MasterClient} that calls the master's use cases in this process, with no network: each
 * {@link io.godfs.domain.error.Outcome.Rejected} becomes the DfsException the port promises. It
 * passes {@code MasterClientContract}, so client tests can run a whole master without sockets.
 */
public final class DirectMasterClient implements MasterClient {
  private final MasterServices master;

  public DirectMasterClient(MasterServices master) {
    this.master = Objects.requireNonNull(master, "master");
  }

  @Override
  public ClusterInfo clusterInfo() {
    return master.registry().clusterInfo();
  }

  @Override
  public FileStatus mkdir(DfsPath path, boolean parents) {
    return master.namespace().mkdir(path, parents).orThrow();
  }

  @Override
  public FileStatus create(
      DfsPath path, boolean overwrite, int replication, long chunkSize, LeaseHolder writer) {
    return master.namespace().create(path, overwrite, replication, chunkSize, writer).orThrow();
  }

  @Override
  public FileStatus createWithContent(DfsPath path, boolean overwrite, byte[] content) {
    return master.namespace().createWithContent(path, overwrite, 0, 0, content.clone()).orThrow();
  }

  @Override
  public FileStatus openForWrite(DfsPath path, LeaseHolder.Client writer) {
    return master.leases().openForWrite(path, writer).orThrow();
  }

  @Override
  public void closeFile(FileId fileId, LeaseHolder.Client writer) {
    master.leases().close(fileId, writer).orThrow();
  }

  @Override
  public Duration renewLease(LeaseHolder.Client writer) {
    return master.leases().renew(writer);
  }

  @Override
  public FileStatus stat(DfsPath path) {
    return master.namespace().stat(path).orThrow();
  }

  @Override
  public Listing list(DfsPath path, String startAfter, int limit) {
    return master.namespace().list(path, startAfter, limit).orThrow();
  }

  @Override
  public FileStatus truncate(DfsPath path, long length, LeaseHolder writer) {
    return master.namespace().truncate(path, length, writer).orThrow();
  }

  @Override
  public void rename(DfsPath source, DfsPath target, boolean replace) {
    master.namespace().rename(source, target, replace).orThrow();
  }

  @Override
  public void renameOver(DfsPath source, DfsPath target, FileId expectedTargetId) {
    master.namespace().renameOver(source, target, expectedTargetId).orThrow();
  }

  @Override
  public int delete(DfsPath path, boolean recursive) {
    return master.namespace().delete(path, recursive).orThrow();
  }

  @Override
  public ChunkWriteTarget allocateChunk(
      DfsPath path, FileId fileId, int index, Set<NodeId> excluded, LeaseHolder writer) {
    return master
        .chunkWrites()
        .allocate(path, fileId, index, Set.copyOf(excluded), writer)
        .orThrow();
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
    return master
        .chunkWrites()
        .recover(path, fileId, index, chunk, failedVersion, List.copyOf(survivors), writer)
        .orThrow();
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
    return master
        .chunkWrites()
        .commit(path, fileId, index, chunk, version, chunkLength, List.copyOf(replicas), writer)
        .orThrow();
  }

  @Override
  public FileStatus storeInline(
      DfsPath path, FileId fileId, long offset, byte[] data, boolean close, LeaseHolder writer) {
    return master
        .chunkWrites()
        .storeInline(path, fileId, offset, data.clone(), writer, close)
        .orThrow();
  }

  @Override
  public LocatedFile locate(DfsPath path, long offset, long length) {
    return master.chunkReads().locate(path, offset, length).orThrow();
  }

  @Override
  public void reportBadReplica(ChunkId chunk, NodeId node, String reason) {
    master.chunkReads().reportBadReplica(chunk, node, reason);
  }

  @Override
  public void close() {
    // Nothing to release: the master belongs to the caller.
  }
}
