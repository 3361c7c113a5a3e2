package io.godfs.application.client;

import io.godfs.application.port.out.MasterClient;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkWriteTarget;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.ChunkAllocationRequest;
import io.godfs.domain.file.ChunkCommitRequest;
import io.godfs.domain.file.ChunkRecoveryRequest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InlineWriteRequest;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.Listing;
import io.godfs.domain.file.LocatedFile;
import io.godfs.domain.file.NameListing;
import io.godfs.domain.file.NewFile;
import io.godfs.domain.file.Ownership;
import io.godfs.domain.file.XattrMode;
import io.godfs.domain.file.Xattrs;
import io.godfs.domain.node.ClusterInfo;
import io.godfs.domain.node.NodeId;
import java.time.Duration;

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
  public FileStatus mkdir(DfsPath path, boolean parents, Ownership ownership) {
    throw unexpected("mkdir");
  }

  @Override
  public FileStatus setAttributes(DfsPath path, AttributeChange change) {
    throw unexpected("setAttributes");
  }

  @Override
  public FileStatus setXattr(DfsPath path, String name, byte[] value, XattrMode mode) {
    throw unexpected("setXattr");
  }

  @Override
  public FileStatus removeXattr(DfsPath path, String name) {
    throw unexpected("removeXattr");
  }

  @Override
  public FileStatus symlink(DfsPath path, String target, Ownership ownership) {
    throw unexpected("symlink");
  }

  @Override
  public FileStatus link(DfsPath existing, DfsPath link) {
    throw unexpected("link");
  }

  @Override
  public void exchange(DfsPath first, DfsPath second) {
    throw unexpected("exchange");
  }

  @Override
  public FileStatus makeNode(DfsPath path, FileType kind, long device, Ownership ownership) {
    throw unexpected("makeNode");
  }

  @Override
  public Xattrs xattrs(DfsPath path) {
    throw unexpected("xattrs");
  }

  @Override
  public FileStatus create(NewFile file, LeaseHolder writer) {
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
  public NameListing listNames(DfsPath path, String startAfter, int limit) {
    throw unexpected("listNames");
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
  public ChunkWriteTarget allocateChunk(ChunkAllocationRequest request, LeaseHolder writer) {
    throw unexpected("allocateChunk");
  }

  @Override
  public long commitChunk(ChunkCommitRequest commit, LeaseHolder writer) {
    throw unexpected("commitChunk");
  }

  @Override
  public FileStatus createWithContent(NewFile file, byte[] content) {
    throw unexpected("createWithContent");
  }

  @Override
  public FileStatus storeInline(InlineWriteRequest write, LeaseHolder writer) {
    throw unexpected("storeInline");
  }

  @Override
  public ChunkWriteTarget recoverChunk(ChunkRecoveryRequest request, LeaseHolder writer) {
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
