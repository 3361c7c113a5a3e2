package io.godfs.domain.file;

import static java.util.Objects.requireNonNull;

import io.godfs.domain.chunk.ChunkId;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A namespace written out for a snapshot, and read back.
 *
 * <p>An image is a stream of records, so that neither side holds a second copy of the namespace:
 * {@link Namespace#writeImage} hands them one by one to a {@link Sink} (a codec writing a snapshot
 * file, say), and a {@link Loader} rebuilds the namespace from them one by one. The image holds
 * exactly the replicated state: the tree with its times, every file's chunk slots and lease holder,
 * the deletion queue and the id counters. Everything else (files by id, by chunk, by writer) is
 * derived and rebuilt by the loader, so an image cannot contradict itself through them.
 *
 * <p>Order: the {@link Header} first; then one {@link Entry} per directory and file, root excluded,
 * in pre-order with children by name (parents always before their children), a file with several
 * names at its primary one; then its other names as {@link Link} records (after any kept inodes);
 * then the deletion queue in {@link ChunkId} order. The writer's order is deterministic, so equal
 * namespaces give equal images. The loader needs only parents before children and everything after
 * the header.
 *
 * <p>A record with a null component that must not be null fails at construction with a {@link
 * NullPointerException} naming it; everything else wrong with an image is the loader's to find.
 */
public final class NamespaceImage {
  private NamespaceImage() {}

  /**
   * The root's times and attributes (null before ADR 0028) and the counters the next inode, chunk
   * and snapshot ids come from.
   */
  public record Header(
      long nextInodeId,
      long nextChunkId,
      Instant rootCreated,
      Instant rootModified,
      long nextSnapshotId,
      InodeAttributes rootAttributes,
      Xattrs rootXattrs) {
    public Header {
      rootXattrs = orNone(rootXattrs);
      requireNonNull(rootCreated, "rootCreated");
      requireNonNull(rootModified, "rootModified");
    }

    public Header(
        long nextInodeId,
        long nextChunkId,
        Instant rootCreated,
        Instant rootModified,
        long nextSnapshotId) {
      this(nextInodeId, nextChunkId, rootCreated, rootModified, nextSnapshotId, null, null);
    }

    public Header(
        long nextInodeId,
        long nextChunkId,
        Instant rootCreated,
        Instant rootModified,
        long nextSnapshotId,
        InodeAttributes rootAttributes) {
      this(
          nextInodeId,
          nextChunkId,
          rootCreated,
          rootModified,
          nextSnapshotId,
          rootAttributes,
          null);
    }

    /** A header of an image without snapshots. */
    public Header(long nextInodeId, long nextChunkId, Instant rootCreated, Instant rootModified) {
      this(nextInodeId, nextChunkId, rootCreated, rootModified, 1);
    }
  }

  /**
   * One directory or file; parents always come before their children (pre-order), root excluded.
   */
  public sealed interface Entry permits DirectoryEntry, FileEntry {
    /** The inode id; the root is 1 and has no entry. */
    long id();

    /** The id of the directory holding this entry (1 for the root). */
    long parentId();

    String name();

    Instant created();

    Instant modified();

    /** Owner, group, mode, access and change times; null in an image from before ADR 0028. */
    InodeAttributes attributes();

    /** Extended attributes; null or {@link Xattrs#NONE} for none. */
    Xattrs xattrs();
  }

  /**
   * attributes: null in an image from before ADR 0028 (the defaults are loaded); xattrs: {@link
   * Xattrs#NONE} for none (null is taken for it).
   */
  public record DirectoryEntry(
      long id,
      long parentId,
      String name,
      Instant created,
      Instant modified,
      InodeAttributes attributes,
      Xattrs xattrs)
      implements Entry {
    public DirectoryEntry {
      xattrs = orNone(xattrs);
      requireNonNull(name, "name");
      requireNonNull(created, "created");
      requireNonNull(modified, "modified");
    }

    public DirectoryEntry(long id, long parentId, String name, Instant created, Instant modified) {
      this(id, parentId, name, created, modified, null, null);
    }

    public DirectoryEntry(
        long id,
        long parentId,
        String name,
        Instant created,
        Instant modified,
        InodeAttributes attributes) {
      this(id, parentId, name, created, modified, attributes, null);
    }
  }

  /**
   * writer: the client holding the lease, or {@link LeaseHolder#NONE}. chunks sorted by index.
   * inline: the bytes of a file stored inline (as long as its length), or null.
   */
  public record FileEntry(
      long id,
      long parentId,
      String name,
      Instant created,
      Instant modified,
      int replication,
      long chunkSize,
      long length,
      LeaseHolder writer,
      List<IndexedChunk> chunks,
      byte[] inline,
      List<IndexedChunk> copies,
      InodeAttributes attributes,
      Xattrs xattrs,
      FileType kind)
      implements Entry {
    public FileEntry {
      xattrs = orNone(xattrs);
      kind = kind == null ? FileType.FILE : kind;
      requireNonNull(name, "name");
      requireNonNull(created, "created");
      requireNonNull(modified, "modified");
      requireNonNull(writer, "writer");
      chunks = List.copyOf(requireNonNull(chunks, "chunks"));
      copies = List.copyOf(requireNonNull(copies, "copies"));
    }

    /** A file from an image without attributes (before ADR 0028). */
    public FileEntry(
        long id,
        long parentId,
        String name,
        Instant created,
        Instant modified,
        int replication,
        long chunkSize,
        long length,
        LeaseHolder writer,
        List<IndexedChunk> chunks,
        byte[] inline,
        List<IndexedChunk> copies) {
      this(
          id,
          parentId,
          name,
          created,
          modified,
          replication,
          chunkSize,
          length,
          writer,
          chunks,
          inline,
          copies,
          null,
          null);
    }

    /** A file without extended attributes. */
    public FileEntry(
        long id,
        long parentId,
        String name,
        Instant created,
        Instant modified,
        int replication,
        long chunkSize,
        long length,
        LeaseHolder writer,
        List<IndexedChunk> chunks,
        byte[] inline,
        List<IndexedChunk> copies,
        InodeAttributes attributes) {
      this(
          id,
          parentId,
          name,
          created,
          modified,
          replication,
          chunkSize,
          length,
          writer,
          chunks,
          inline,
          copies,
          attributes,
          null);
    }

    /** A regular file (ADR 0028: or a symbolic link, {@code kind}). */
    public FileEntry(
        long id,
        long parentId,
        String name,
        Instant created,
        Instant modified,
        int replication,
        long chunkSize,
        long length,
        LeaseHolder writer,
        List<IndexedChunk> chunks,
        byte[] inline,
        List<IndexedChunk> copies,
        InodeAttributes attributes,
        Xattrs xattrs) {
      this(
          id,
          parentId,
          name,
          created,
          modified,
          replication,
          chunkSize,
          length,
          writer,
          chunks,
          inline,
          copies,
          attributes,
          xattrs,
          null);
    }

    /** A file with no copy of a held chunk being written (ADR 0025). */
    public FileEntry(
        long id,
        long parentId,
        String name,
        Instant created,
        Instant modified,
        int replication,
        long chunkSize,
        long length,
        LeaseHolder writer,
        List<IndexedChunk> chunks,
        byte[] inline) {
      this(
          id,
          parentId,
          name,
          created,
          modified,
          replication,
          chunkSize,
          length,
          writer,
          chunks,
          inline,
          List.of());
    }

    public FileEntry(
        long id,
        long parentId,
        String name,
        Instant created,
        Instant modified,
        int replication,
        long chunkSize,
        long length,
        LeaseHolder writer,
        List<IndexedChunk> chunks) {
      this(
          id,
          parentId,
          name,
          created,
          modified,
          replication,
          chunkSize,
          length,
          writer,
          chunks,
          null,
          List.of());
    }

    /** Records compare arrays by identity; images are compared by content. */
    @Override
    public boolean equals(Object o) {
      return o instanceof FileEntry f
          && id == f.id
          && parentId == f.parentId
          && name.equals(f.name)
          && created.equals(f.created)
          && modified.equals(f.modified)
          && replication == f.replication
          && chunkSize == f.chunkSize
          && length == f.length
          && Objects.equals(writer, f.writer)
          && chunks.equals(f.chunks)
          && Arrays.equals(inline, f.inline)
          && copies.equals(f.copies)
          && Objects.equals(attributes, f.attributes)
          && xattrs.equals(f.xattrs)
          && kind == f.kind;
    }

    @Override
    public int hashCode() {
      return Objects.hash(
                  id,
                  parentId,
                  name,
                  created,
                  modified,
                  replication,
                  chunkSize,
                  length,
                  writer,
                  chunks,
                  copies,
                  attributes,
                  xattrs,
                  kind)
              * 31
          + Arrays.hashCode(inline);
    }
  }

  /** A directory's quotas (ADR 0026); its usage is counted from the tree when loaded. */
  public record Quota(long directoryId, long nameQuota, long spaceQuota) {}

  /** A released chunk whose replicas may still exist, and when it was released. */
  public record QueuedDeletion(ChunkId chunk, Instant queuedAt) {
    public QueuedDeletion {
      requireNonNull(chunk, "chunk");
      requireNonNull(queuedAt, "queuedAt");
    }
  }

  /**
   * Receives an image in order: header, entries (pre-order), the snapshot records ({@link
   * SnapshotImage}: kept inodes, diffs, roots), then the deletion queue. An exception thrown by a
   * sink stops the writing and propagates to the caller of {@link Namespace#writeImage}; the
   * namespace is left as it was.
   */
  public interface Sink {
    void header(Header header);

    void entry(Entry entry);

    void kept(SnapshotImage.Kept kept);

    void diff(SnapshotImage.Diff diff);

    void snapshots(SnapshotImage.Root root);

    void quota(Quota quota);

    void queued(QueuedDeletion deletion);

    /** Another name of a file (ADR 0028): after the kept inodes, before the diffs. */
    void link(Link link);
  }

  /**
   * A hard link (ADR 0028): {@code name} in the live or kept directory {@code directoryId} names
   * the file {@code inodeId}, whose entry (at its first name) came earlier.
   */
  public record Link(long directoryId, String name, long inodeId) {
    public Link {
      Objects.requireNonNull(name, "name");
    }
  }

  /** Rebuilds a namespace from an image fed in the order a Sink receives it. */
  public static NamespaceImageLoader loader() {
    return new NamespaceImageLoader();
  }

  /**
   * Writes {@code ns} to {@code sink}. Walks the tree with an explicit stack of child iterators
   * (memory: the depth, not the size) rather than recursion, so no tree depth overflows the stack.
   */
  static void write(Namespace ns, Sink sink) {
    DirectoryInode root = ns.root();
    sink.header(
        new Header(
            ns.nextInodeId(),
            ns.nextChunkId(),
            root.creationTime,
            root.modificationTime,
            ns.snapshotRegistry().nextSnapshotId(),
            root.attributes(),
            root.xattrs));
    // Files with other names, by id: those names follow as Link records, in each file's order.
    TreeMap<Long, FileInode> linked = new TreeMap<>();
    Deque<DirectoryInode> dirs = new ArrayDeque<>();
    Deque<Iterator<Map.Entry<String, Inode>>> pending = new ArrayDeque<>();
    dirs.push(root);
    pending.push(root.children.entrySet().iterator());
    while (!pending.isEmpty()) {
      Iterator<Map.Entry<String, Inode>> siblings = pending.peek();
      if (!siblings.hasNext()) {
        pending.pop();
        dirs.pop();
        continue;
      }
      Map.Entry<String, Inode> e = siblings.next();
      Inode inode = e.getValue();
      if (!SnapshotImage.isPrimary(dirs.peek(), e.getKey(), inode)) {
        continue;
      }
      sink.entry(entryOf(inode, inode.parent.id));
      if (inode instanceof FileInode file && file.otherNames != null) {
        linked.put(file.id, file);
      }
      if (inode instanceof DirectoryInode dir) {
        dirs.push(dir);
        pending.push(dir.children.entrySet().iterator());
      }
    }
    List<Link> links = new ArrayList<>();
    linked.forEach(
        (id, file) -> file.otherNames.forEach(n -> links.add(new Link(n.dir().id, n.name(), id))));
    if (ns.snapshotRegistry().any() || !ns.snapshotRegistry().roots().isEmpty()) {
      SnapshotImage.write(ns, sink, links);
    } else {
      links.forEach(sink::link);
    }
    if (ns.files().quotas.any()) {
      writeQuotas(root, sink);
    }
    ns.deletions().forEach((chunk, at) -> sink.queued(new QueuedDeletion(chunk, at)));
  }

  /** Every directory with a quota, in pre-order. */
  private static void writeQuotas(DirectoryInode root, Sink sink) {
    Deque<DirectoryInode> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      DirectoryInode dir = todo.pop();
      if (dir.quota != null) {
        sink.quota(new Quota(dir.id, dir.quota.nameQuota, dir.quota.spaceQuota));
      }
      for (Inode child : dir.children.descendingMap().values()) {
        if (child instanceof DirectoryInode d) {
          todo.push(d);
        }
      }
    }
  }

  /** The record of one inode, under the directory with id {@code parentId}. */
  static Entry entryOf(Inode inode, long parentId) {
    return switch (inode) {
      case DirectoryInode dir ->
          new DirectoryEntry(
              dir.id,
              parentId,
              dir.name,
              dir.creationTime,
              dir.modificationTime,
              dir.attributes(),
              dir.xattrs);
      case FileInode file -> {
        List<IndexedChunk> chunks = new ArrayList<>(file.chunks.size());
        file.chunks.forEach((index, ref) -> chunks.add(new IndexedChunk(index, ref)));
        List<IndexedChunk> copies = new ArrayList<>();
        if (file.copies != null) {
          file.copies.forEach((index, ref) -> copies.add(new IndexedChunk(index, ref)));
        }
        yield new FileEntry(
            file.id,
            parentId,
            file.name,
            file.creationTime,
            file.modificationTime,
            file.replication,
            file.chunkSize,
            file.length,
            file.writer,
            chunks,
            file.inline == null ? null : file.inline.clone(),
            copies,
            file.attributes(),
            file.xattrs,
            file.kind);
      }
    };
  }

  /** {@code x}, or {@link Xattrs#NONE} for null (a record without extended attributes). */
  static Xattrs orNone(Xattrs x) {
    return x == null ? Xattrs.NONE : x;
  }
}
