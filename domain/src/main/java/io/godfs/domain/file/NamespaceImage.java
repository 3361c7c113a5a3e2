package io.godfs.domain.file;

import static java.util.Objects.requireNonNull;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 * in pre-order with children by name (parents always before their children); then the deletion
 * queue in {@link ChunkId} order. The writer's order is deterministic, so equal namespaces give
 * equal images. The loader needs only parents before children and everything after the header.
 *
 * <p>A record with a null component that must not be null fails at construction with a {@link
 * NullPointerException} naming it; everything else wrong with an image is the loader's to find.
 */
public final class NamespaceImage {
  private NamespaceImage() {}

  /** The root's times and the counters the next inode and chunk ids come from. */
  public record Header(
      long nextInodeId, long nextChunkId, Instant rootCreated, Instant rootModified) {
    public Header {
      requireNonNull(rootCreated, "rootCreated");
      requireNonNull(rootModified, "rootModified");
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
  }

  public record DirectoryEntry(
      long id, long parentId, String name, Instant created, Instant modified) implements Entry {
    public DirectoryEntry {
      requireNonNull(name, "name");
      requireNonNull(created, "created");
      requireNonNull(modified, "modified");
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
      byte[] inline)
      implements Entry {
    public FileEntry {
      requireNonNull(name, "name");
      requireNonNull(created, "created");
      requireNonNull(modified, "modified");
      requireNonNull(writer, "writer");
      chunks = List.copyOf(requireNonNull(chunks, "chunks"));
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
          null);
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
          && Arrays.equals(inline, f.inline);
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
                  chunks)
              * 31
          + Arrays.hashCode(inline);
    }
  }

  /** A released chunk whose replicas may still exist, and when it was released. */
  public record QueuedDeletion(ChunkId chunk, Instant queuedAt) {
    public QueuedDeletion {
      requireNonNull(chunk, "chunk");
      requireNonNull(queuedAt, "queuedAt");
    }
  }

  /**
   * Receives an image in order: header, entries (pre-order), then the deletion queue. An exception
   * thrown by a sink stops the writing and propagates to the caller of {@link
   * Namespace#writeImage}; the namespace is left as it was.
   */
  public interface Sink {
    void header(Header header);

    void entry(Entry entry);

    void queued(QueuedDeletion deletion);
  }

  /** Rebuilds a namespace from an image fed in the order a Sink receives it. */
  public static Loader loader() {
    return new Loader();
  }

  /**
   * Writes {@code ns} to {@code sink}. Walks the tree with an explicit stack of child iterators
   * (memory: the depth, not the size) rather than recursion, so no tree depth overflows the stack.
   */
  static void write(Namespace ns, Sink sink) {
    DirectoryInode root = ns.root();
    sink.header(
        new Header(ns.nextInodeId(), ns.nextChunkId(), root.creationTime, root.modificationTime));
    Deque<Iterator<Inode>> pending = new ArrayDeque<>();
    pending.push(root.children.values().iterator());
    while (!pending.isEmpty()) {
      Iterator<Inode> siblings = pending.peek();
      if (!siblings.hasNext()) {
        pending.pop();
        continue;
      }
      switch (siblings.next()) {
        case DirectoryInode dir -> {
          sink.entry(
              new DirectoryEntry(
                  dir.id, dir.parent.id, dir.name, dir.creationTime, dir.modificationTime));
          pending.push(dir.children.values().iterator());
        }
        case FileInode file -> {
          List<IndexedChunk> chunks = new ArrayList<>(file.chunks.size());
          file.chunks.forEach((index, ref) -> chunks.add(new IndexedChunk(index, ref)));
          sink.entry(
              new FileEntry(
                  file.id,
                  file.parent.id,
                  file.name,
                  file.creationTime,
                  file.modificationTime,
                  file.replication,
                  file.chunkSize,
                  file.length,
                  file.writer,
                  chunks,
                  file.inline == null ? null : file.inline.clone()));
        }
      }
    }
    ns.deletions().forEach((chunk, at) -> sink.queued(new QueuedDeletion(chunk, at)));
  }

  /**
   * Builds a namespace from an image, checking as it goes: each call either applies its record or
   * throws an {@link IllegalArgumentException} naming what is wrong with the image (and then the
   * loader refuses further use with an {@link IllegalStateException}, so a half-loaded namespace
   * cannot be taken for a whole one). The checks cover what the namespace relies on but never
   * checks itself: the tree's shape (known parents, unique ids and names, valid names), ids below
   * the counters (else a later create or allocate would issue one twice), each chunk in one place
   * only, and values a transition could not have produced. Not thread-safe.
   */
  public static final class Loader implements Sink {
    private enum Stage {
      HEADER,
      ENTRIES,
      QUEUE,
      FINISHED,
      FAILED
    }

    private static final long ROOT_ID = 1;

    private Stage stage = Stage.HEADER;
    private Header header;
    private Namespace ns;

    /** Directories loaded so far, by id: where later entries find their parent. */
    private final Map<Long, DirectoryInode> directories = new HashMap<>();

    private Loader() {}

    @Override
    public void header(Header header) {
      requireNonNull(header, "header");
      usable();
      if (stage != Stage.HEADER) {
        throw invalid("a second header (expected: one, first)");
      }
      if (header.nextInodeId() <= ROOT_ID) {
        throw invalid("nextInodeId : " + header.nextInodeId() + " (expected: > " + ROOT_ID + ")");
      }
      if (header.nextChunkId() < 1) {
        throw invalid("nextChunkId : " + header.nextChunkId() + " (expected: >= 1)");
      }
      this.header = header;
      ns =
          Namespace.restored(
              header.rootCreated(),
              header.rootModified(),
              header.nextInodeId(),
              header.nextChunkId());
      directories.put(ROOT_ID, ns.root());
      stage = Stage.ENTRIES;
    }

    @Override
    public void entry(Entry entry) {
      requireNonNull(entry, "entry");
      usable();
      if (stage == Stage.HEADER) {
        throw invalid("entry " + entry.id() + " before the header");
      }
      if (stage == Stage.QUEUE) {
        throw invalid(
            "entry " + entry.id() + " after the deletion queue (expected: all entries first)");
      }
      DirectoryInode parent = checkedParent(entry);
      switch (entry) {
        case DirectoryEntry d -> {
          DirectoryInode dir = new DirectoryInode(d.id(), d.created(), parent, d.name());
          dir.modificationTime = d.modified();
          ns.restore(dir, LeaseHolder.NONE);
          directories.put(dir.id, dir);
        }
        case FileEntry f -> {
          checkFile(f);
          FileInode file =
              new FileInode(f.id(), f.created(), parent, f.name(), f.replication(), f.chunkSize());
          file.modificationTime = f.modified();
          file.length = f.length();
          f.chunks().forEach(c -> file.chunks.put(c.index(), c.chunk()));
          file.inline = f.inline() == null ? null : f.inline().clone();
          ns.restore(file, f.writer());
        }
      }
    }

    @Override
    public void queued(QueuedDeletion deletion) {
      requireNonNull(deletion, "deletion");
      usable();
      if (stage == Stage.HEADER) {
        throw invalid("queued deletion of " + deletion.chunk() + " before the header");
      }
      ChunkId chunk = deletion.chunk();
      checkIssued(chunk, "queued deletion");
      if (ns.deletions().contains(chunk)) {
        throw invalid(chunk + " is queued for deletion twice");
      }
      if (ns.files().holdsChunk(chunk)) {
        throw invalid(
            chunk
                + " is queued for deletion but file "
                + ns.chunkOwner(chunk).orElseThrow().fileId()
                + " holds it");
      }
      ns.deletions().enqueue(chunk, deletion.queuedAt());
      stage = Stage.QUEUE;
    }

    /** The namespace the image described; the loader is done with it and refuses further use. */
    public Namespace finish() {
      usable();
      if (stage == Stage.HEADER) {
        throw invalid("the image has no header");
      }
      stage = Stage.FINISHED;
      Namespace loaded = ns;
      ns = null;
      directories.clear();
      return loaded;
    }

    /** The entry's parent directory, after checking the entry's id and name fit in the tree. */
    private DirectoryInode checkedParent(Entry e) {
      String what = label(e);
      if (e.id() <= ROOT_ID || e.id() >= header.nextInodeId()) {
        throw invalid(
            what
                + ": id : "
                + e.id()
                + " (expected: "
                + (ROOT_ID + 1)
                + " to "
                + (header.nextInodeId() - 1)
                + ", below the header's nextInodeId)");
      }
      if (directories.containsKey(e.id()) || ns.files().file(e.id()) != null) {
        throw invalid(what + ": inode id " + e.id() + " appears twice");
      }
      DirectoryInode parent = directories.get(e.parentId());
      if (parent == null) {
        throw invalid(
            ns.files().file(e.parentId()) != null
                ? what + ": parent " + e.parentId() + " is a file, not a directory"
                : what
                    + ": unknown parent id "
                    + e.parentId()
                    + " (expected: a directory listed before it)");
      }
      if (e.name().isEmpty()) {
        throw invalid(what + ": the name is empty");
      }
      try {
        DfsPath.ROOT.child(e.name());
      } catch (IllegalArgumentException badName) {
        throw invalid(what + ": " + badName.getMessage());
      }
      if (parent.children.containsKey(e.name())) {
        throw invalid(what + ": duplicate name '" + e.name() + "' in directory " + parent.id);
      }
      return parent;
    }

    /** What createFile, allocateChunk and commitChunk would never have let into a file. */
    private void checkFile(FileEntry f) {
      String what = label(f);
      if (f.replication() < 1 || f.replication() > 16) {
        throw invalid(what + ": replication : " + f.replication() + " (expected: 1-16)");
      }
      String sizeProblem = ChunkLayout.chunkSizeProblem(f.chunkSize());
      if (sizeProblem != null) {
        throw invalid(what + ": " + sizeProblem);
      }
      if (f.length() < 0 || f.length() > Namespace.MAX_FILE_LENGTH) {
        throw invalid(
            what + ": length : " + f.length() + " (expected: 0-" + Namespace.MAX_FILE_LENGTH + ")");
      }
      if (f.inline() != null
          && (f.inline().length != f.length()
              || f.inline().length == 0
              || f.inline().length > Namespace.MAX_INLINE_LENGTH)) {
        throw invalid(
            what
                + ": inline bytes : "
                + f.inline().length
                + " (expected: 1-"
                + Namespace.MAX_INLINE_LENGTH
                + ", as many as its length "
                + f.length()
                + ")");
      }
      Set<ChunkId> inThisFile = new HashSet<>();
      int previous = -1;
      for (IndexedChunk c : f.chunks()) {
        if (c.chunk() == null) {
          throw invalid(what + ": chunk slot " + c.index() + " holds no chunk");
        }
        if (c.index() < 0 || (long) c.index() * f.chunkSize() >= Namespace.MAX_FILE_LENGTH) {
          throw invalid(
              what
                  + ": chunk index : "
                  + c.index()
                  + " (expected: 0 to "
                  + (Namespace.MAX_FILE_LENGTH / f.chunkSize() - 1)
                  + ")");
        }
        if (c.index() <= previous) {
          throw invalid(
              what
                  + ": chunk index "
                  + c.index()
                  + " after "
                  + previous
                  + " (expected: ascending)");
        }
        previous = c.index();
        ChunkRef ref = c.chunk();
        if (ref.length() > f.chunkSize()) {
          throw invalid(
              what
                  + ": chunk "
                  + c.index()
                  + " length : "
                  + ref.length()
                  + " (expected: 0-"
                  + f.chunkSize()
                  + ")");
        }
        checkIssued(ref.id(), what);
        if (!inThisFile.add(ref.id()) || ns.files().holdsChunk(ref.id())) {
          throw invalid(
              what + ": " + ref.id() + " appears twice (expected: each chunk in one file slot)");
        }
      }
    }

    private void checkIssued(ChunkId chunk, String what) {
      if (chunk.value() >= header.nextChunkId()) {
        throw invalid(
            what + ": " + chunk + " is not below the header's nextChunkId " + header.nextChunkId());
      }
    }

    private static String label(Entry e) {
      return (e instanceof FileEntry ? "file " : "directory ") + e.id() + " '" + e.name() + "'";
    }

    private void usable() {
      if (stage == Stage.FINISHED) {
        throw new IllegalStateException(
            "this loader has finished (expected: a new loader per image)");
      }
      if (stage == Stage.FAILED) {
        throw new IllegalStateException(
            "this loader rejected its image earlier (expected: a new loader)");
      }
    }

    private IllegalArgumentException invalid(String problem) {
      stage = Stage.FAILED;
      return new IllegalArgumentException("namespace image: " + problem);
    }
  }
}
