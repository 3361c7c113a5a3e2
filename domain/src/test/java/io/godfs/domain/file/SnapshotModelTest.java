package io.godfs.domain.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random operations interleaved with snapshots, checked after every step against a dumb model that
 * keeps each snapshot as a deep copy of its directory (ADR 0025). Chunk bytes are simulated by a
 * store of physical chunks that the test writes as a chunkserver would (in place, or as a copy when
 * the grant says so) and deletes as soon as the namespace queues a chunk for deletion. So a
 * snapshot reading a chunk that was rewritten in place, or collected, fails; and at the end, once
 * every snapshot and file is deleted, every chunk ever issued must have been released: nothing
 * leaks.
 */
class SnapshotModelTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final long CHUNK = 65536;
  private static final String[] TREES = {"/s", "/t"};
  private static final String[] PLACES = {"/s", "/s/d", "/t", "/x"};
  private static final String[] NAMES = {"a", "b", "c"};

  private final Map<String, Integer> coverage = new TreeMap<>();

  @Test
  void snapshotsReadAsTheModelAndNothingLeaks() {
    for (long seed = Long.getLong("snapshotModelFirst", 1);
        seed <= Long.getLong("snapshotModelRuns", 300);
        seed++) {
      new Run(seed).execute(120);
    }
    for (String op :
        List.of(
            "write ok",
            "write copy",
            "truncate ok",
            "rename ok",
            "delete ok",
            "snapshot ok",
            "delete-snapshot ok",
            "restore ok",
            "rename-snapshot ok",
            "delete refused",
            "reload",
            "rename across trees")) {
      assertThat(coverage.getOrDefault(op, 0)).as("%s in %s", op, coverage).isGreaterThan(20);
    }
  }

  /** A model entry: a directory, or a file's length and chunk contents by index. */
  private record Content(long token, long length) {}

  private static final class MFile {
    long length;
    TreeMap<Integer, Content> chunks = new TreeMap<>();

    MFile copy() {
      MFile f = new MFile();
      f.length = length;
      f.chunks = new TreeMap<>(chunks);
      return f;
    }
  }

  /** A physical chunk as a chunkserver holds it. */
  private record Phys(ChunkVersion version, long token) {}

  private final class Run {
    final long seed;
    final Random random;
    Namespace ns = Namespace.empty(T0);

    /** Path to null (a directory) or a file. */
    final TreeMap<String, MFile> live = new TreeMap<>();

    final Map<String, Map<String, TreeMap<String, MFile>>> snaps = new HashMap<>();
    final Map<ChunkId, Phys> store = new HashMap<>();

    /** /s and /t, and in every third run / too, nesting them. */
    final String[] roots;

    final Set<ChunkId> issued = new HashSet<>();
    final Set<ChunkId> released = new HashSet<>();
    long tokens;
    int snapshotNames;
    Instant now = T0;
    String step = "";

    Run(long seed) {
      this.seed = seed;
      this.random = new Random(seed);
      this.roots = seed % 3 == 0 ? new String[] {"/s", "/t", "/"} : TREES;
    }

    void execute(int steps) {
      for (String dir : List.of("/s", "/s/d", "/t", "/x")) {
        ns.mkdir(DfsPath.of(dir), false, now).orThrow();
        live.put(dir, null);
      }
      for (String root : roots) {
        ns.allowSnapshots(DfsPath.of(root), now).orThrow();
        snaps.put(root, new TreeMap<>());
      }
      for (int i = 0; i < steps; i++) {
        now = now.plusMillis(3);
        step = "seed " + seed + " step " + i;
        try {
          one();
          collect();
          if (random.nextInt(15) == 0) {
            reload();
          }
          check();
        } catch (AssertionError | RuntimeException e) {
          throw new AssertionError(e.getMessage() + "\nafter:\n" + String.join("\n", trace), e);
        }
      }
      // Deleting every snapshot and every file releases every chunk ever issued.
      for (String root : roots) {
        for (String name : new ArrayList<>(snaps.get(root).keySet())) {
          ns.deleteSnapshot(DfsPath.of(root), name, now).orThrow();
        }
      }
      for (String top : List.of("/s", "/t", "/x")) {
        if (live.containsKey(top)) {
          ns.delete(DfsPath.of(top), true, now).orThrow();
        }
      }
      collect();
      assertThat(store).as("%s: chunks left after deleting everything", step).isEmpty();
      assertThat(released).as("seed %d", seed).containsAll(issued);
      assertThat(ns.chunkCount()).isZero();
    }

    void one() {
      int op = random.nextInt(100);
      String path = randomPath();
      what = path;
      if (op < 10) {
        Outcome<FileStatus> made = ns.mkdir(DfsPath.of(path), false, now);
        count("mkdir", made);
        if (made.isOk()) {
          live.put(path, null);
        }
      } else if (op < 22) {
        Outcome<CreatedFile> c = ns.createFile(DfsPath.of(path), true, 3, CHUNK, now);
        count("create", c);
        if (c.isOk()) {
          trace.add("  released " + c.orThrow().replaced().chunks());
        }
        if (c.isOk()) {
          live.put(path, new MFile());
        }
      } else if (op < 50) {
        write(path);
      } else if (op < 57) {
        truncate(path);
      } else if (op < 66) {
        rename(path, randomPath());
      } else if (op < 71) {
        delete(path);
      } else if (op < 72) {
        String root = roots[random.nextInt(roots.length)];
        if (live.containsKey(root) && (!snaps.get(root).isEmpty() || random.nextInt(20) == 0)) {
          delete(root);
        }
      } else if (op < 82) {
        snapshot();
      } else if (op < 88) {
        deleteSnapshot();
      } else if (op < 91) {
        renameSnapshot();
      } else {
        restore();
      }
    }

    void write(String path) {
      MFile f = live.get(path);
      if (f == null) {
        return;
      }
      int index = random.nextInt(f.chunks.isEmpty() ? 1 : f.chunks.lastKey() + 2);
      FileStatus st = ns.stat(DfsPath.of(path)).orThrow();
      ChunkAllocation a = ns.allocateChunk(DfsPath.of(path), st.fileId(), index, now).orThrow();
      issued.add(a.chunkId());
      Content old = f.chunks.get(index);
      long length = Math.max(old == null ? 0 : old.length(), 1 + random.nextInt((int) CHUNK));
      long token = ++tokens;
      if (a.copyOf() != null) {
        Phys source = store.get(a.copyOf().source());
        assertThat(source).as("%s: copy source %s", step, a.copyOf()).isNotNull();
        assertThat(source.version()).as(step).isEqualTo(a.copyOf().version());
        assertThat(a.copyOf().length()).as(step).isEqualTo(old.length());
        count("write copy");
      } else if (!a.fresh()) {
        Phys before = store.get(a.chunkId());
        assertThat(before).as("%s: rewriting %s", step, a.chunkId()).isNotNull();
        assertThat(before.version()).as(step).isEqualTo(a.committedVersion());
      }
      store.put(a.chunkId(), new Phys(a.version(), token));
      trace.add(
          "  wrote " + a.chunkId() + (a.copyOf() == null ? "" : " copy of " + a.copyOf().source()));
      Outcome<Long> committed =
          ns.commitChunk(
              DfsPath.of(path), st.fileId(), index, a.chunkId(), a.version(), length, now);
      count("write", committed);
      assertThat(committed.isOk()).as("%s: %s", step, committed).isTrue();
      f.chunks.put(index, new Content(token, length));
      f.length = Math.max(f.length, index * CHUNK + length);
    }

    void truncate(String path) {
      MFile f = live.get(path);
      if (f == null) {
        return;
      }
      long length = random.nextLong(f.length + CHUNK);
      count("truncate", ns.truncate(DfsPath.of(path), length, now));
      if (length < f.length) {
        long firstDropped = (length + CHUNK - 1) / CHUNK;
        f.chunks.tailMap((int) firstDropped, true).clear();
        int boundary = (int) (length / CHUNK);
        Content cut = f.chunks.get(boundary);
        long keep = length - boundary * CHUNK;
        if (cut != null && cut.length() > keep) {
          f.chunks.put(boundary, new Content(cut.token(), keep));
        }
      }
      f.length = length;
    }

    void rename(String source, String target) {
      what = source + " -> " + target;
      Outcome<Removed> r = ns.rename(DfsPath.of(source), DfsPath.of(target), true, now);
      count("rename", r);
      if (r.isOk()) {
        trace.add("  released " + r.orThrow().chunks());
      }
      if (r.isOk() && !rootOf(source).equals(rootOf(target))) {
        count("rename across trees");
      }
      if (r.isOk() && !source.equals(target)) {
        TreeMap<String, MFile> moved = new TreeMap<>();
        live.forEach(
            (p, e) -> {
              if (p.equals(source) || NamespaceModel.under(source, p)) {
                moved.put(target + p.substring(source.length()), e);
              }
            });
        live.keySet().removeIf(p -> p.equals(source) || NamespaceModel.under(source, p));
        live.putAll(moved);
      }
    }

    void delete(String path) {
      what = path;
      Outcome<Removed> r = ns.delete(DfsPath.of(path), true, now);
      if (r instanceof Outcome.Rejected<Removed> no && no.error().code() == ErrorCode.NOT_EMPTY) {
        count("delete refused");
        assertThat(snaps.keySet()).as(step).anyMatch(root -> root.startsWith(path));
        return;
      }
      count("delete", r);
      if (r.isOk()) {
        trace.add("  released " + r.orThrow().chunks());
        live.keySet().removeIf(p -> p.equals(path) || NamespaceModel.under(path, p));
      }
    }

    void snapshot() {
      String root = roots[random.nextInt(roots.length)];
      if (!exists(root)) {
        return;
      }
      String name = "n" + (snapshotNames++ % 5);
      what = root + " " + name;
      // A restore or delete may have replaced the directory by one that is not snapshottable.
      ns.allowSnapshots(DfsPath.of(root), now).orThrow();
      Outcome<SnapshotInfo> s = ns.createSnapshot(DfsPath.of(root), name, now);
      count("snapshot", s);
      if (s.isOk()) {
        snaps.get(root).put(name, subtree(live, root));
      } else {
        assertThat(snaps.get(root)).as("%s: %s", step, s).containsKey(name);
      }
    }

    void deleteSnapshot() {
      String root = roots[random.nextInt(roots.length)];
      if (snaps.get(root).isEmpty() || !exists(root)) {
        return;
      }
      String name = pick(snaps.get(root).keySet());
      what = root + " " + name;
      Outcome<Removed> gone = ns.deleteSnapshot(DfsPath.of(root), name, now);
      count("delete-snapshot", gone);
      trace.add("  released " + gone.orThrow().chunks());
      snaps.get(root).remove(name);
    }

    void renameSnapshot() {
      String root = roots[random.nextInt(roots.length)];
      if (snaps.get(root).isEmpty() || !exists(root)) {
        return;
      }
      String name = pick(snaps.get(root).keySet());
      String to = "r" + random.nextInt(3);
      what = root + " " + name + " -> " + to;
      Outcome<SnapshotInfo> r = ns.renameSnapshot(DfsPath.of(root), name, to, now);
      count("rename-snapshot", r);
      if (r.isOk()) {
        snaps.get(root).put(to, snaps.get(root).remove(name));
      } else {
        assertThat(snaps.get(root)).as(step).containsKey(to);
      }
    }

    void restore() {
      String root = roots[random.nextInt(roots.length)];
      if (snaps.get(root).isEmpty() || !exists(root)) {
        return;
      }
      String name = pick(snaps.get(root).keySet());
      TreeMap<String, MFile> snap = snaps.get(root).get(name);
      String rel = pick(snap.keySet());
      String to = random.nextBoolean() ? join(root, rel) : randomPath();
      DfsPath from = DfsPath.of(snapshotPath(root, name) + rel);
      boolean ontoItself =
          exists(to) && (to.equals("/") || live.get(to) == null) && snap.get(rel) == null;
      what = from + " -> " + to;
      Outcome<Removed> r = ns.restore(from, DfsPath.of(to), now);
      count("restore", r);
      if (r.isOk()) {
        trace.add("  released " + r.orThrow().chunks());
      }
      if (!r.isOk()) {
        return;
      }
      live.keySet()
          .removeIf(
              p -> (p.equals(to) && !ontoItself) || NamespaceModel.under(to, p) && !p.equals(to));
      snap.forEach(
          (p, e) -> {
            if (p.equals(rel) || p.startsWith(rel + "/")) {
              String at = join(to, p.substring(rel.length()));
              if (!at.equals("/")) {
                live.put(at, e == null ? null : e.copy());
              }
            }
          });
    }

    /** The entries under {@code root}, keyed by their path relative to it ("" for itself). */
    TreeMap<String, MFile> subtree(TreeMap<String, MFile> tree, String root) {
      TreeMap<String, MFile> out = new TreeMap<>();
      if (root.equals("/")) {
        out.put("", null); // the root is no entry of the model
      }
      tree.forEach(
          (p, e) -> {
            if (p.equals(root) || NamespaceModel.under(root, p)) {
              out.put(relative(root, p), e == null ? null : e.copy());
            }
          });
      return out;
    }

    /** {@code path} below {@code root}: "" for the root itself, else starting with a slash. */
    static String relative(String root, String path) {
      return root.equals("/") ? (path.equals("/") ? "" : path) : path.substring(root.length());
    }

    /** {@code suffix} ("" or starting with a slash) appended to {@code dir}. */
    static String join(String dir, String suffix) {
      return dir.equals("/") ? (suffix.isEmpty() ? "/" : suffix) : dir + suffix;
    }

    boolean exists(String path) {
      return path.equals("/") || live.containsKey(path);
    }

    /** Where a snapshot of {@code root} is read. */
    static String snapshotPath(String root, String name) {
      return (root.equals("/") ? "" : root) + "/.snapshot/" + name;
    }

    /**
     * Writes the namespace's image and continues on the namespace loaded from it (a master restart,
     * a Raft snapshot installed): it must show the same and the image must be stable.
     */
    void reload() {
      List<Object> image = NamespaceImages.imageOf(ns);
      Namespace loaded = NamespaceImages.load(image);
      List<Object> again = NamespaceImages.imageOf(loaded);
      int first = 0;
      while (first < Math.min(image.size(), again.size())
          && image.get(first).equals(again.get(first))) {
        first++;
      }
      assertThat(again)
          .as(
              "%s: image after reload differs at record %d: %s",
              step,
              first,
              first < again.size()
                  ? again.get(first) + " vs " + (first < image.size() ? image.get(first) : "end")
                  : "end")
          .isEqualTo(image);
      assertThat(loaded.chunkCount()).as(step).isEqualTo(ns.chunkCount());
      assertThat(loaded.allSnapshots()).as(step).isEqualTo(ns.allSnapshots());
      ns = loaded;
      count("reload");
    }

    void collect() {
      List<ChunkId> queued = ns.deletionQueue(100_000);
      for (ChunkId c : queued) {
        store.remove(c);
        released.add(c);
      }
      ns.forgetDeleted(queued, now);
    }

    void check() {
      if (!Boolean.getBoolean("snapshotModelEventualOnly")) {
        checkNothingLeaks();
      }
      checkReads();
    }

    /**
     * Exactly what nothing references is released: every chunk still stored is read by the tree or
     * by a snapshot.
     */
    void checkNothingLeaks() {
      Set<Long> referenced = new HashSet<>();
      List<TreeMap<String, MFile>> trees = new ArrayList<>(List.of(live));
      snaps.values().forEach(m -> trees.addAll(m.values()));
      trees.forEach(
          t ->
              t.values()
                  .forEach(
                      f -> {
                        if (f != null) {
                          f.chunks.values().forEach(c -> referenced.add(c.token()));
                        }
                      }));
      store.forEach(
          (chunk, phys) ->
              assertThat(referenced)
                  .as(
                      "%s: %s (%s) is stored but nothing reads it; %s",
                      step,
                      chunk,
                      SnapshotDiagnostics.describe(ns, chunk),
                      String.join("\n", trace))
                  .contains(phys.token()));
    }

    void checkReads() {
      TreeMap<String, MFile> seen = new TreeMap<>();
      walk("/", "/", seen);
      TreeMap<String, MFile> expected = new TreeMap<>(live);
      expected.put("/", null);
      assertSame("live", expected, seen);
      for (String root : roots) {
        if (!exists(root)) {
          continue;
        }
        for (var s : snaps.get(root).entrySet()) {
          String at = snapshotPath(root, s.getKey());
          TreeMap<String, MFile> inSnapshot = new TreeMap<>();
          walk(at, at, inSnapshot);
          TreeMap<String, MFile> want = new TreeMap<>();
          s.getValue().forEach((p, e) -> want.put(at + p, e));
          assertSame("snapshot " + at, want, inSnapshot);
        }
      }
    }

    void assertSame(String what, TreeMap<String, MFile> expected, TreeMap<String, MFile> seen) {
      assertThat(seen.keySet()).as("%s: %s paths", step, what).isEqualTo(expected.keySet());
      expected.forEach(
          (p, e) -> {
            MFile got = seen.get(p);
            if (e == null) {
              assertThat(got).as("%s: %s is a directory", step, p).isNull();
            } else {
              assertThat(got).as("%s: %s is a file", step, p).isNotNull();
              assertThat(got.length)
                  .as("%s: length of %s (%s)", step, p, SnapshotDiagnostics.inodeAt(ns, p))
                  .isEqualTo(e.length);
              assertThat(got.chunks).as("%s: chunks of %s", step, p).isEqualTo(e.chunks);
            }
          });
    }

    /** Reads the tree at {@code path} through the namespace's public reads and the chunk store. */
    void walk(String path, String prefix, TreeMap<String, MFile> out) {
      FileStatus st = ns.stat(DfsPath.of(path)).orThrow();
      if (st.isDirectory()) {
        out.put(path, null);
        for (FileStatus child : ns.list(DfsPath.of(path), null, 1000).orThrow().entries()) {
          walk(child.path().toString(), prefix, out);
        }
        return;
      }
      FileChunks fc = ns.locate(DfsPath.of(path), 0, 0).orThrow();
      MFile f = new MFile();
      f.length = fc.status().length();
      for (IndexedChunk c : fc.chunks()) {
        if (c.chunk().length() == 0) {
          continue;
        }
        Phys phys = store.get(c.chunk().id());
        assertThat(phys)
            .as("%s: %s chunk %d (%s) was collected", step, path, c.index(), c.chunk())
            .isNotNull();
        assertThat(phys.version())
            .as("%s: %s chunk %d was rewritten in place", step, path, c.index())
            .isEqualTo(c.chunk().committedVersion());
        f.chunks.put(c.index(), new Content(phys.token(), c.chunk().length()));
      }
      out.put(path, f);
    }

    String randomPath() {
      String place = PLACES[random.nextInt(PLACES.length)];
      String name = NAMES[random.nextInt(NAMES.length)];
      return random.nextInt(5) == 0
          ? place + "/" + name + "/" + NAMES[random.nextInt(NAMES.length)]
          : place + "/" + name;
    }

    <T> T pick(Set<T> set) {
      List<T> list = new ArrayList<>(set);
      return list.get(random.nextInt(list.size()));
    }

    void count(String op, Outcome<?> outcome) {
      count(op + (outcome.isOk() ? " ok" : " rejected"));
    }

    void count(String event) {
      coverage.merge(event, 1, Integer::sum);
      trace.add(step + " " + event + " " + what);
    }

    final List<String> trace = new ArrayList<>();

    String rootOf(String path) {
      return path.substring(0, 2);
    }

    String what = "";
  }
}
