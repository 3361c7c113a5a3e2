package io.godfs.application.fake;

import io.godfs.application.master.MasterServices;
import io.godfs.application.port.in.Deletion;
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
import java.util.Objects;

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
    return master.registry().clusterInfo(Callers.ANONYMOUS);
  }

  @Override
  public FileStatus mkdir(DfsPath path, boolean parents) {
    return master.namespace().mkdir(Callers.ANONYMOUS, path, parents).orThrow();
  }

  @Override
  public FileStatus mkdir(DfsPath path, boolean parents, Ownership ownership) {
    return master.namespace().mkdir(Callers.ANONYMOUS, path, parents, ownership).orThrow();
  }

  @Override
  public FileStatus setAttributes(DfsPath path, AttributeChange change) {
    return master.namespace().setAttributes(Callers.ANONYMOUS, path, change).orThrow();
  }

  @Override
  public FileStatus setXattr(DfsPath path, String name, byte[] value, XattrMode mode) {
    return master.namespace().setXattr(Callers.ANONYMOUS, path, name, value, mode).orThrow();
  }

  @Override
  public FileStatus removeXattr(DfsPath path, String name) {
    return master.namespace().removeXattr(Callers.ANONYMOUS, path, name).orThrow();
  }

  @Override
  public FileStatus symlink(DfsPath path, String target, Ownership ownership) {
    return master.namespace().symlink(Callers.ANONYMOUS, path, target, ownership).orThrow();
  }

  @Override
  public FileStatus link(DfsPath existing, DfsPath link) {
    return master.namespace().link(Callers.ANONYMOUS, existing, link).orThrow();
  }

  @Override
  public void exchange(DfsPath first, DfsPath second) {
    master.namespace().exchange(Callers.ANONYMOUS, first, second).orThrow();
  }

  @Override
  public FileStatus makeNode(DfsPath path, FileType kind, long device, Ownership ownership) {
    return master.namespace().makeNode(Callers.ANONYMOUS, path, kind, device, ownership).orThrow();
  }

  @Override
  public Xattrs xattrs(DfsPath path) {
    return master.namespace().xattrs(Callers.ANONYMOUS, path).orThrow();
  }

  @Override
  public FileStatus create(NewFile file, LeaseHolder writer) {
    return master.namespace().create(Callers.ANONYMOUS, file, writer).orThrow();
  }

  @Override
  public FileStatus createWithContent(NewFile file, byte[] content) {
    // The master keeps the array it is handed: a copy, as the bytes on a wire would be.
    return master.namespace().createWithContent(Callers.ANONYMOUS, file, content.clone()).orThrow();
  }

  @Override
  public FileStatus openForWrite(DfsPath path, LeaseHolder.Client writer) {
    return master.leases().openForWrite(Callers.ANONYMOUS, path, writer).orThrow();
  }

  @Override
  public void closeFile(FileId fileId, LeaseHolder.Client writer) {
    master.leases().close(Callers.ANONYMOUS, fileId, writer).orThrow();
  }

  @Override
  public Duration renewLease(LeaseHolder.Client writer) {
    return master.leases().renew(Callers.ANONYMOUS, writer);
  }

  @Override
  public FileStatus stat(DfsPath path) {
    return master.namespace().stat(Callers.ANONYMOUS, path).orThrow();
  }

  @Override
  public Listing list(DfsPath path, String startAfter, int limit) {
    return master.namespace().list(Callers.ANONYMOUS, path, startAfter, limit).orThrow();
  }

  @Override
  public NameListing listNames(DfsPath path, String startAfter, int limit) {
    return master.namespace().listNames(Callers.ANONYMOUS, path, startAfter, limit).orThrow();
  }

  @Override
  public FileStatus truncate(DfsPath path, long length, LeaseHolder writer) {
    return master.namespace().truncate(Callers.ANONYMOUS, path, length, writer).orThrow();
  }

  @Override
  public void rename(DfsPath source, DfsPath target, boolean replace) {
    master.namespace().rename(Callers.ANONYMOUS, source, target, replace).orThrow();
  }

  @Override
  public void renameOver(DfsPath source, DfsPath target, FileId expectedTargetId) {
    master.namespace().renameOver(Callers.ANONYMOUS, source, target, expectedTargetId).orThrow();
  }

  @Override
  public int delete(DfsPath path, boolean recursive) {
    return switch (master.namespace().delete(Callers.ANONYMOUS, path, recursive).orThrow()) {
      case Deletion.Deleted deleted -> deleted.files();
      case Deletion.Trashed trashed -> 0;
    };
  }

  @Override
  public ChunkWriteTarget allocateChunk(ChunkAllocationRequest request, LeaseHolder writer) {
    return master.chunkWrites().allocate(Callers.ANONYMOUS, request, writer).orThrow();
  }

  @Override
  public ChunkWriteTarget recoverChunk(ChunkRecoveryRequest request, LeaseHolder writer) {
    return master.chunkWrites().recover(Callers.ANONYMOUS, request, writer).orThrow();
  }

  @Override
  public long commitChunk(ChunkCommitRequest commit, LeaseHolder writer) {
    return master.chunkWrites().commit(Callers.ANONYMOUS, commit, writer).orThrow();
  }

  @Override
  public FileStatus storeInline(InlineWriteRequest write, LeaseHolder writer) {
    // The master keeps the array it is handed: a copy, as the bytes on a wire would be.
    InlineWriteRequest copy =
        new InlineWriteRequest(
            write.path(), write.fileId(), write.offset(), write.data().clone(), write.closeFile());
    return master.chunkWrites().storeInline(Callers.ANONYMOUS, copy, writer).orThrow();
  }

  @Override
  public LocatedFile locate(DfsPath path, long offset, long length) {
    return master.chunkReads().locate(Callers.ANONYMOUS, path, offset, length).orThrow();
  }

  @Override
  public void reportBadReplica(ChunkId chunk, NodeId node, String reason) {
    master.chunkReads().reportBadReplica(Callers.ANONYMOUS, chunk, node, reason).orThrow();
  }

  @Override
  public void close() {
    // Nothing to release: the master belongs to the caller.
  }
}
