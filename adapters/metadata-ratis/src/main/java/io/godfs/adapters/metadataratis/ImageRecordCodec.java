package io.godfs.adapters.metadataratis;

import static io.godfs.adapters.metadataratis.Times.fromProto;
import static io.godfs.adapters.metadataratis.Times.toProto;

import com.google.protobuf.ByteString;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.file.ChunkRef;
import io.godfs.domain.file.IndexedChunk;
import io.godfs.domain.file.LeaseHolder;
import io.godfs.domain.file.NamespaceImage;
import io.godfs.domain.file.SnapshotImage;
import io.godfs.metadata.v1.ChunkSlot;
import io.godfs.metadata.v1.DirectoryChanges;
import io.godfs.metadata.v1.DirectoryEntry;
import io.godfs.metadata.v1.FileEntry;
import io.godfs.metadata.v1.FileState;
import io.godfs.metadata.v1.KeptEntry;
import io.godfs.metadata.v1.Marks;
import io.godfs.metadata.v1.Pin;
import io.godfs.metadata.v1.RemovedChild;
import io.godfs.metadata.v1.SnapshotEntry;
import io.godfs.metadata.v1.SnapshotRecord;
import io.godfs.metadata.v1.SnapshotRoot;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Namespace image records ({@link NamespaceImage}, {@link SnapshotImage}) to and from the snapshot
 * file's messages. Pure mapping; the loader checks what they say.
 */
final class ImageRecordCodec {
  private ImageRecordCodec() {}

  static DirectoryEntry directory(NamespaceImage.DirectoryEntry d) {
    var m =
        DirectoryEntry.newBuilder()
            .setId(d.id())
            .setParentId(d.parentId())
            .setName(d.name())
            .setCreated(toProto(d.created()))
            .setModified(toProto(d.modified()));
    if (d.attributes() != null) {
      m.setAttributes(AttributesCodec.encode(d.attributes()));
    }
    m.addAllXattrs(AttributesCodec.encode(d.xattrs()));
    return m.build();
  }

  static NamespaceImage.DirectoryEntry directory(DirectoryEntry d) {
    return new NamespaceImage.DirectoryEntry(
        d.getId(),
        d.getParentId(),
        d.getName(),
        fromProto(d.getCreated()),
        fromProto(d.getModified()),
        AttributesCodec.decode(d.hasAttributes(), d.getAttributes()),
        AttributesCodec.decode(d.getXattrsList()));
  }

  static FileEntry file(NamespaceImage.FileEntry f) {
    var file =
        FileEntry.newBuilder()
            .setId(f.id())
            .setParentId(f.parentId())
            .setName(f.name())
            .setCreated(toProto(f.created()))
            .setModified(toProto(f.modified()))
            .setReplication(f.replication())
            .setChunkSize(f.chunkSize())
            .setLength(f.length());
    if (f.writer() instanceof LeaseHolder.Client w) {
      file.setWriter(w.name());
    }
    if (f.inline() != null) {
      file.setInline(ByteString.copyFrom(f.inline()));
    }
    f.chunks().forEach(c -> file.addChunks(slot(c)));
    f.copies().forEach(c -> file.addCopies(slot(c)));
    if (f.attributes() != null) {
      file.setAttributes(AttributesCodec.encode(f.attributes()));
    }
    file.addAllXattrs(AttributesCodec.encode(f.xattrs()));
    file.setKind(AttributesCodec.kind(f.kind()));
    return file.build();
  }

  static NamespaceImage.FileEntry file(FileEntry f) {
    return new NamespaceImage.FileEntry(
        f.getId(),
        f.getParentId(),
        f.getName(),
        fromProto(f.getCreated()),
        fromProto(f.getModified()),
        f.getReplication(),
        f.getChunkSize(),
        f.getLength(),
        LeaseHolder.ofNullable(f.hasWriter() ? f.getWriter() : null),
        slots(f.getChunksList()),
        f.hasInline() ? f.getInline().toByteArray() : null,
        slots(f.getCopiesList()),
        AttributesCodec.decode(f.hasAttributes(), f.getAttributes()),
        AttributesCodec.decode(f.getXattrsList()),
        AttributesCodec.kind(f.getKind()));
  }

  static SnapshotRecord kept(SnapshotImage.Kept k) {
    var m = KeptEntry.newBuilder().setDetached(k.detached());
    switch (k.entry()) {
      case NamespaceImage.DirectoryEntry d -> m.setDirectory(directory(d));
      case NamespaceImage.FileEntry f -> m.setFile(file(f));
    }
    return SnapshotRecord.newBuilder().setKept(m).build();
  }

  static SnapshotImage.Kept kept(KeptEntry k) {
    NamespaceImage.Entry entry =
        switch (k.getEntryCase()) {
          case DIRECTORY -> directory(k.getDirectory());
          case FILE -> file(k.getFile());
          case ENTRY_NOT_SET -> throw new IllegalArgumentException("a kept entry holds no inode");
        };
    return new SnapshotImage.Kept(entry, k.getDetached());
  }

  static SnapshotRecord diff(SnapshotImage.Diff diff) {
    SnapshotRecord.Builder r = SnapshotRecord.newBuilder();
    switch (diff) {
      case SnapshotImage.Marks m -> {
        var marks = Marks.newBuilder().setInodeId(m.inodeId()).setEntered(m.entered());
        m.pins()
            .forEach((id, from) -> marks.addPins(Pin.newBuilder().setSnapshotId(id).setFrom(from)));
        m.keptBy()
            .forEach(
                (id, from) -> marks.addKeptBy(Pin.newBuilder().setSnapshotId(id).setFrom(from)));
        r.setMarks(marks);
      }
      case SnapshotImage.FileState f -> {
        var m =
            FileState.newBuilder()
                .setInodeId(f.inodeId())
                .setSnapshotId(f.snapshotId())
                .setModified(toProto(f.modified()))
                .setLength(f.length());
        f.chunks().forEach(c -> m.addChunks(slot(c)));
        if (f.inline() != null) {
          m.setInline(ByteString.copyFrom(f.inline()));
        }
        if (f.attributes() != null) {
          m.setAttributes(AttributesCodec.encode(f.attributes()));
        }
        m.addAllXattrs(AttributesCodec.encode(f.xattrs()));
        r.setFileState(m);
      }
      case SnapshotImage.DirectoryChanges d -> {
        var m =
            DirectoryChanges.newBuilder()
                .setInodeId(d.inodeId())
                .setSnapshotId(d.snapshotId())
                .setModified(toProto(d.modified()))
                .addAllCreated(d.created());
        d.removed()
            .forEach(
                (name, id) -> m.addRemoved(RemovedChild.newBuilder().setName(name).setInodeId(id)));
        if (d.attributes() != null) {
          m.setAttributes(AttributesCodec.encode(d.attributes()));
        }
        m.addAllXattrs(AttributesCodec.encode(d.xattrs()));
        r.setDirectoryChanges(m);
      }
    }
    return r.build();
  }

  static SnapshotImage.FileState fileState(FileState f) {
    return new SnapshotImage.FileState(
        f.getInodeId(),
        f.getSnapshotId(),
        fromProto(f.getModified()),
        f.getLength(),
        slots(f.getChunksList()),
        f.hasInline() ? f.getInline().toByteArray() : null,
        AttributesCodec.decode(f.hasAttributes(), f.getAttributes()),
        AttributesCodec.decode(f.getXattrsList()));
  }

  static SnapshotImage.DirectoryChanges directoryChanges(DirectoryChanges d) {
    TreeMap<String, Long> removed = new TreeMap<>();
    d.getRemovedList().forEach(c -> removed.put(c.getName(), c.getInodeId()));
    return new SnapshotImage.DirectoryChanges(
        d.getInodeId(),
        d.getSnapshotId(),
        fromProto(d.getModified()),
        removed,
        d.getCreatedList(),
        AttributesCodec.decode(d.hasAttributes(), d.getAttributes()),
        AttributesCodec.decode(d.getXattrsList()));
  }

  static SnapshotImage.Marks marks(Marks m) {
    TreeMap<Long, Long> pins = new TreeMap<>();
    m.getPinsList().forEach(p -> pins.put(p.getSnapshotId(), p.getFrom()));
    TreeMap<Long, Long> keptBy = new TreeMap<>();
    m.getKeptByList().forEach(p -> keptBy.put(p.getSnapshotId(), p.getFrom()));
    return new SnapshotImage.Marks(m.getInodeId(), pins, m.getEntered(), keptBy);
  }

  static SnapshotRecord root(SnapshotImage.Root root) {
    var m = SnapshotRoot.newBuilder().setDirectoryId(root.directoryId());
    for (SnapshotImage.Snapshot s : root.snapshots()) {
      m.addSnapshots(
          SnapshotEntry.newBuilder()
              .setId(s.id())
              .setName(s.name())
              .setCreated(toProto(s.created()))
              .setFirstLaterInode(s.firstLaterInode()));
    }
    return SnapshotRecord.newBuilder().setSnapshotRoot(m).build();
  }

  static SnapshotImage.Root root(SnapshotRoot r) {
    List<SnapshotImage.Snapshot> snapshots = new ArrayList<>();
    for (SnapshotEntry s : r.getSnapshotsList()) {
      snapshots.add(
          new SnapshotImage.Snapshot(
              s.getId(), s.getName(), fromProto(s.getCreated()), s.getFirstLaterInode()));
    }
    return new SnapshotImage.Root(r.getDirectoryId(), snapshots);
  }

  private static ChunkSlot slot(IndexedChunk c) {
    return ChunkSlot.newBuilder()
        .setIndex(c.index())
        .setChunkId(c.chunk().id().value())
        .setGrantedVersion(c.chunk().grantedVersion().value())
        .setCommittedVersion(c.chunk().committedVersion().value())
        .setLength(c.chunk().length())
        .build();
  }

  private static List<IndexedChunk> slots(List<ChunkSlot> slots) {
    List<IndexedChunk> out = new ArrayList<>(slots.size());
    for (ChunkSlot c : slots) {
      out.add(
          new IndexedChunk(
              c.getIndex(),
              new ChunkRef(
                  new ChunkId(c.getChunkId()),
                  new ChunkVersion(c.getGrantedVersion()),
                  new ChunkVersion(c.getCommittedVersion()),
                  c.getLength())));
    }
    return out;
  }
}
