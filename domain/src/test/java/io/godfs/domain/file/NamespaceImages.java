package io.godfs.domain.file;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.file.NamespaceImage.DirectoryEntry;
import io.godfs.domain.file.NamespaceImage.FileEntry;
import io.godfs.domain.file.NamespaceImage.Header;
import io.godfs.domain.file.NamespaceImage.QueuedDeletion;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Test helpers for {@link NamespaceImage}: record an image, load a recorded one, and compare two
 * namespaces through everything they show, without a {@code Namespace.equals} in production code.
 */
final class NamespaceImages {
  private NamespaceImages() {}

  /** A sink that keeps what it receives, in order; images compare with {@code equals}. */
  static final class RecordingSink implements NamespaceImage.Sink {
    final List<Object> received = new ArrayList<>();

    @Override
    public void header(Header header) {
      received.add(header);
    }

    @Override
    public void entry(NamespaceImage.Entry entry) {
      received.add(entry);
    }

    @Override
    public void kept(SnapshotImage.Kept kept) {
      received.add(kept);
    }

    @Override
    public void diff(SnapshotImage.Diff diff) {
      received.add(diff);
    }

    @Override
    public void snapshots(SnapshotImage.Root root) {
      received.add(root);
    }

    @Override
    public void quota(NamespaceImage.Quota quota) {
      received.add(quota);
    }

    @Override
    public void queued(QueuedDeletion deletion) {
      received.add(deletion);
    }

    @Override
    public void link(NamespaceImage.Link link) {
      received.add(link);
    }
  }

  /**
   * The namespace's figures counted the slow way, from its image: what {@link Namespace#figures()}
   * must answer from its running counts.
   */
  static NamespaceFigures recount(Namespace ns) {
    long[] c = new long[6];
    for (Object r : imageOf(ns)) {
      switch (r) {
        case DirectoryEntry d -> c[1]++;
        case FileEntry f -> {
          c[0]++;
          c[2] += f.length();
          if (f.inline() != null) {
            c[3]++;
            c[4] += f.inline().length;
          }
          if (f.writer().isClient()) {
            c[5]++;
          }
        }
        default -> {
          // The header and queued deletions count nothing.
        }
      }
    }
    return new NamespaceFigures(c[0], c[1], c[2], c[3], c[4], c[5]);
  }

  static List<Object> imageOf(Namespace ns) {
    RecordingSink sink = new RecordingSink();
    ns.writeImage(sink);
    return sink.received;
  }

  /**
   * The image of {@code ns} without its POSIX attributes (ADR 0028), for tests of the layout that
   * name the records as an image from before them would hold them.
   */
  static List<Object> plainImageOf(Namespace ns) {
    return imageOf(ns).stream().map(NamespaceImages::withoutAttributes).toList();
  }

  private static Object withoutAttributes(Object r) {
    return switch (r) {
      case Header h ->
          new Header(
              h.nextInodeId(),
              h.nextChunkId(),
              h.rootCreated(),
              h.rootModified(),
              h.nextSnapshotId());
      case DirectoryEntry d ->
          new DirectoryEntry(d.id(), d.parentId(), d.name(), d.created(), d.modified());
      case FileEntry f ->
          new FileEntry(
              f.id(),
              f.parentId(),
              f.name(),
              f.created(),
              f.modified(),
              f.replication(),
              f.chunkSize(),
              f.length(),
              f.writer(),
              f.chunks(),
              f.inline(),
              f.copies());
      case SnapshotImage.Kept k ->
          new SnapshotImage.Kept((NamespaceImage.Entry) withoutAttributes(k.entry()), k.detached());
      default -> r;
    };
  }

  /** Feeds {@code records} to {@code loader} as a codec would, in the given order. */
  static void feed(NamespaceImageLoader loader, List<?> records) {
    for (Object r : records) {
      switch (r) {
        case Header h -> loader.header(h);
        case DirectoryEntry d -> loader.entry(d);
        case FileEntry f -> loader.entry(f);
        case QueuedDeletion q -> loader.queued(q);
        case SnapshotImage.Kept k -> loader.kept(k);
        case SnapshotImage.Diff d -> loader.diff(d);
        case SnapshotImage.Root root -> loader.snapshots(root);
        case NamespaceImage.Quota quota -> loader.quota(quota);
        case NamespaceImage.Link link -> loader.link(link);
        default -> throw new IllegalArgumentException("not an image record: " + r);
      }
    }
  }

  static Namespace load(List<?> records) {
    NamespaceImageLoader loader = NamespaceImage.loader();
    feed(loader, records);
    return loader.finish();
  }

  /**
   * Everything the public queries show of {@code ns}, in a fixed order: counts, chunk slots and
   * their owners, the deletion queue, leases and open files, and every path's status, listing and
   * chunks from the root down. Equal for two namespaces that answer every query alike (the id
   * counters show only in the image and in what later commands return).
   */
  static List<Object> observe(Namespace ns) {
    List<Object> out = new ArrayList<>(List.of(ns.fileCount(), ns.chunkCount(), ns.chunkSlots()));
    ns.chunkSlots().forEach(s -> out.add(ns.chunkOwner(s.chunk().id())));
    List<ChunkId> queue = ns.deletionQueue(Integer.MAX_VALUE);
    out.add(queue);
    queue.forEach(c -> out.add(List.of(ns.isQueuedForDeletion(c), ns.chunkOwner(c))));
    Set<LeaseHolder.Client> writers = ns.writers();
    out.add(List.copyOf(writers));
    writers.forEach(w -> out.add(ns.openFiles(w)));
    out.add(ns.filesUnder(DfsPath.ROOT));
    List<DfsPath> pending = new ArrayList<>(List.of(DfsPath.ROOT));
    while (!pending.isEmpty()) {
      DfsPath path = pending.removeFirst();
      FileStatus s = ns.stat(path).orThrow();
      out.add(s);
      if (s.isDirectory()) {
        Listing listing = ns.list(path, null, Listing.MAX_LIMIT).orThrow();
        out.add(listing);
        listing.entries().forEach(e -> pending.add(e.path()));
      } else {
        out.add(ns.locate(path, 0, 0));
        out.add(ns.isOpenForWrite(s.fileId()));
      }
    }
    return out;
  }
}
