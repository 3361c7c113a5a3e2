package io.godfs.domain.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.NamespaceModel.Chunk;
import io.godfs.domain.file.NamespaceModel.Dir;
import io.godfs.domain.file.NamespaceModel.File;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random command sequences against {@link Namespace} and {@link NamespaceModel}, checked after
 * every step; then the recorded commands are replayed on fresh namespaces, which must answer and
 * end identically (what a replicated log relies on). Fixed seeds; a failure names seed and step.
 */
class NamespacePropertyTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final int RUNS = 500;
  private static final int STEPS = 80;
  private static final String[] NAMES = {"a", "b", "ab", "c"};
  private static final long[] CHUNK_SIZES = {65536, 131072, 65536, 1000};

  /**
   * Outcomes seen per command kind ("CreateFile ok", "Rename rejected" ...), so no property is
   * vacuous.
   */
  private final Map<String, Integer> coverage = new TreeMap<>();

  @Test
  void namespaceAgreesWithTheModelAndReplaysDeterministically() {
    for (long seed = 1; seed <= RUNS; seed++) {
      new Run(seed, coverage).execute();
    }
    for (String kind :
        List.of("Mkdir", "CreateFile", "Rename", "Delete", "AllocateChunk", "CommitChunk")) {
      assertThat(coverage.getOrDefault(kind + " ok", 0)).as("%s", coverage).isGreaterThan(1000);
      assertThat(coverage.getOrDefault(kind + " rejected", 0))
          .as("%s", coverage)
          .isGreaterThan(300);
    }
    for (String kind : List.of("Link", "ExchangeNames")) {
      assertThat(coverage.getOrDefault(kind + " ok", 0)).as("%s", coverage).isGreaterThan(300);
      assertThat(coverage.getOrDefault(kind + " rejected", 0))
          .as("%s", coverage)
          .isGreaterThan(300);
    }
    for (String event :
        List.of("released by CreateFile", "released by Rename", "released by Delete")) {
      assertThat(coverage.getOrDefault(event, 0)).as("%s", coverage).isGreaterThan(30);
    }
  }

  private static final class Run {
    final long seed;
    final Random random;
    final Namespace ns = Namespace.empty(T0);
    final NamespaceModel model = new NamespaceModel();
    final List<NamespaceCommand<?>> log = new ArrayList<>();
    final List<Outcome<?>> outcomes = new ArrayList<>();
    final Set<Long> fileIds = new HashSet<>();
    final Set<ChunkId> issued = new HashSet<>();
    final Set<ChunkId> released = new HashSet<>();
    final Map<String, Integer> coverage;
    String stepLabel = "";
    String ctx = "";

    Run(long seed, Map<String, Integer> coverage) {
      this.seed = seed;
      this.random = new Random(seed);
      this.coverage = coverage;
    }

    void execute() {
      for (int step = 0; step < STEPS; step++) {
        Instant at = T0.plusMillis(7L * step + 1);
        stepLabel = "seed " + seed + " step " + step + ": ";
        ctx = stepLabel;
        switch (random.nextInt(24)) {
          case 0, 1, 2 -> mkdir(at);
          case 3, 4, 5, 6 -> create(at);
          case 7, 8, 9 -> rename(at);
          case 10, 11, 23 -> delete(at);
          case 12, 13, 14, 15 -> allocate(at);
          case 20, 21 -> link(at);
          case 22 -> exchange(at);
          default -> commit(at);
        }
        model.assertAgrees(ns, ctx, 1 + random.nextInt(3));
        assertReleasedChunksAreGone();
        String absent = randomPath();
        if (!model.tree.containsKey(absent)) {
          Outcome<FileStatus> stat = ns.stat(DfsPath.of(absent));
          assertThat(stat).as(ctx + "stat " + absent).isInstanceOf(Outcome.Rejected.class);
          assertThat(((Outcome.Rejected<FileStatus>) stat).error().code())
              .as(ctx + "stat " + absent)
              .isEqualTo(model.lookupError(absent));
        }
      }
      ctx = "seed " + seed + " replay: ";
      List<Object> original = dump(ns);
      assertThat(dump(replay())).as(ctx + "replica b").isEqualTo(original);
      assertThat(dump(replay())).as(ctx + "replica c").isEqualTo(original);
    }

    /**
     * Applies and records {@code command}; checks it was refused with {@code expected}, or
     * succeeded.
     */
    <R> R run(NamespaceCommand<R> command, ErrorCode expected) {
      ctx = stepLabel + command + " -> ";
      Outcome<R> outcome = command.applyTo(ns);
      log.add(command);
      outcomes.add(outcome);
      ctx += outcome + " ";
      coverage.merge(
          command.getClass().getSimpleName() + (outcome.isOk() ? " ok" : " rejected"),
          1,
          Integer::sum);
      if (expected != null) {
        assertThat(outcome).as(ctx + "expected " + expected).isInstanceOf(Outcome.Rejected.class);
        assertThat(((Outcome.Rejected<R>) outcome).error().code()).as(ctx).isEqualTo(expected);
        return null;
      }
      assertThat(outcome).as(ctx + "expected Ok").isInstanceOf(Outcome.Ok.class);
      return ((Outcome.Ok<R>) outcome).value();
    }

    String existingPath() {
      List<String> known = new ArrayList<>(model.tree.keySet());
      return known.get(random.nextInt(known.size()));
    }

    /** An existing path, or one to three new segments below one, or below the root. */
    String randomPath() {
      String base = random.nextInt(10) < 7 ? existingPath() : "/";
      int extra = base.equals("/") ? 1 + random.nextInt(3) : random.nextInt(2);
      for (int i = 0; i < extra; i++) {
        base = NamespaceModel.child(base, NAMES[random.nextInt(NAMES.length)]);
      }
      return base;
    }

    void mkdir(Instant at) {
      String path = randomPath();
      boolean parents = random.nextBoolean();
      ErrorCode expected = model.mkdirError(path, parents);
      FileStatus s = run(new NamespaceCommand.Mkdir(DfsPath.of(path), parents, at), expected);
      if (expected == null) {
        assertThat(s.isDirectory()).as(ctx).isTrue();
        assertThat(s.path().value()).as(ctx).isEqualTo(path);
        model.mkdir(path);
      }
    }

    void create(Instant at) {
      String path = randomPath();
      boolean overwrite = random.nextBoolean();
      int replication = random.nextInt(20) == 0 ? 0 : 1 + random.nextInt(3);
      long chunkSize = CHUNK_SIZES[random.nextInt(CHUNK_SIZES.length)];
      ErrorCode expected = model.createError(path, overwrite, replication, chunkSize);
      var created =
          run(
              new NamespaceCommand.CreateFile(
                  DfsPath.of(path), overwrite, replication, chunkSize, at),
              expected);
      if (expected == null) {
        FileStatus s = created.status();
        assertThat(List.of(s.type(), s.length(), s.replication(), s.chunkSize(), s.chunkCount()))
            .as(ctx)
            .isEqualTo(List.of(FileType.FILE, 0L, replication, chunkSize, 0));
        assertThat(fileIds.add(s.fileId().value())).as(ctx + "file id reused").isTrue();
        expectRemoved(created.replaced(), path, model.tree.get(path) instanceof File);
        model.tree.put(path, new File(s.fileId().value(), replication, chunkSize));
      }
    }

    void rename(Instant at) {
      String source = random.nextInt(5) == 0 ? randomPath() : existingPath();
      String target =
          switch (random.nextInt(10)) {
            case 0 -> source;
            case 1, 2, 3 ->
                model.tree.get(source) instanceof File ? writeTarget().getKey() : existingPath();
            case 4, 5, 6, 7 -> {
              List<String> dirs =
                  model.tree.entrySet().stream()
                      .filter(e -> e.getValue() instanceof Dir)
                      .map(Map.Entry::getKey)
                      .toList();
              yield NamespaceModel.child(
                  dirs.get(random.nextInt(dirs.size())), NAMES[random.nextInt(NAMES.length)]);
            }
            default -> randomPath();
          };
      boolean replace = random.nextBoolean();
      ErrorCode expected = model.renameError(source, target, replace);
      Removed removed =
          run(
              new NamespaceCommand.Rename(DfsPath.of(source), DfsPath.of(target), replace, at),
              expected);
      if (expected == null) {
        expectRemoved(
            removed,
            target,
            model.tree.get(target) instanceof File f && model.tree.get(source) != f);
        model.rename(source, target);
      }
    }

    void link(Instant at) {
      String existing = random.nextInt(4) == 0 ? randomPath() : writeTarget().getKey();
      String link = random.nextInt(3) == 0 ? randomPath() : NamespaceModel.child(aDirectory(), "l");
      ErrorCode expected = model.linkError(existing, link);
      FileStatus s =
          run(new NamespaceCommand.Link(DfsPath.of(existing), DfsPath.of(link), at), expected);
      if (expected == null) {
        model.link(existing, link);
        assertThat(s.fileId().value()).as(ctx).isEqualTo(((File) model.tree.get(link)).id);
        assertThat(s.links()).as(ctx).isEqualTo(model.pathsOf(model.tree.get(link)).size());
      }
    }

    String aDirectory() {
      List<String> dirs =
          model.tree.entrySet().stream()
              .filter(e -> e.getValue() instanceof Dir)
              .map(Map.Entry::getKey)
              .toList();
      return dirs.get(random.nextInt(dirs.size()));
    }

    void exchange(Instant at) {
      String first = random.nextInt(5) == 0 ? randomPath() : existingPath();
      String second = random.nextInt(5) == 0 ? randomPath() : existingPath();
      ErrorCode expected = model.exchangeError(first, second);
      Removed removed =
          run(
              new NamespaceCommand.ExchangeNames(DfsPath.of(first), DfsPath.of(second), at),
              expected);
      if (expected == null) {
        assertThat(removed).as(ctx).isEqualTo(Removed.NOTHING);
        model.exchange(first, second);
      }
    }

    void delete(Instant at) {
      String path = randomPath();
      boolean recursive = random.nextBoolean();
      ErrorCode expected = model.deleteError(path, recursive);
      Removed removed = run(new NamespaceCommand.Delete(DfsPath.of(path), recursive, at), expected);
      if (expected == null) {
        expectRemoved(removed, path, true);
        model.delete(path);
      }
    }

    /**
     * {@code removed} must list exactly the files and chunks of {@code path}'s subtree (when it
     * goes).
     */
    void expectRemoved(Removed removed, String path, boolean goes) {
      List<ChunkId> chunks = new ArrayList<>();
      int files = 0;
      // A file goes with its last name: one with a name elsewhere keeps its chunks.
      for (File f : model.filesLeaving(goes ? model.subtree(path) : List.of())) {
        files++;
        f.chunks.values().forEach(c -> chunks.add(c.id()));
      }
      assertThat(removed.files()).as(ctx + "files removed").isEqualTo(files);
      assertThat(removed.chunks())
          .as(ctx + "chunks released")
          .containsExactlyInAnyOrderElementsOf(chunks);
      released.addAll(chunks);
      if (!chunks.isEmpty()) {
        coverage.merge("released by " + log.getLast().getClass().getSimpleName(), 1, Integer::sum);
      }
    }

    /** Mostly a real file of the model with its id; sometimes a wrong path or a stale id. */
    Map.Entry<String, Long> writeTarget() {
      List<String> files =
          model.tree.entrySet().stream()
              .filter(e -> e.getValue() instanceof File)
              .map(Map.Entry::getKey)
              .toList();
      String path =
          files.isEmpty() || random.nextInt(10) == 0
              ? randomPath()
              : files.get(random.nextInt(files.size()));
      long id =
          model.tree.get(path) instanceof File f && random.nextInt(10) != 0
              ? f.id
              : 1 + random.nextInt(40);
      return Map.entry(path, id);
    }

    void allocate(Instant at) {
      var target = writeTarget();
      String path = target.getKey();
      int index = random.nextInt(20) == 0 ? -1 : random.nextInt(4);
      ErrorCode expected = model.allocateError(path, new FileId(target.getValue()), index);
      var a =
          run(
              new NamespaceCommand.AllocateChunk(
                  DfsPath.of(path), new FileId(target.getValue()), index, at),
              expected);
      if (expected == null) {
        File f = model.fileById(new FileId(target.getValue()));
        Chunk old = f.chunks.get(index);
        assertThat(List.of(a.replication(), a.chunkSize()))
            .as(ctx)
            .isEqualTo(List.of(f.replication, f.chunkSize));
        if (old == null) {
          assertThat(a.fresh()).as(ctx).isTrue();
          assertThat(a.version()).as(ctx).isEqualTo(ChunkVersion.FIRST.next());
          assertThat(a.committedLength()).as(ctx).isZero();
          assertThat(issued.add(a.chunkId())).as(ctx + "chunk id reused").isTrue();
          f.chunks.put(index, new Chunk(a.chunkId(), 2, 1, 0));
        } else {
          assertThat(a.fresh()).as(ctx).isFalse();
          assertThat(a.chunkId()).as(ctx).isEqualTo(old.id());
          assertThat(a.version().value()).as(ctx).isEqualTo(old.granted() + 1);
          assertThat(a.committedLength()).as(ctx).isEqualTo(old.length());
          f.chunks.put(
              index, new Chunk(old.id(), old.granted() + 1, old.committed(), old.length()));
        }
      }
    }

    void commit(Instant at) {
      var target = writeTarget();
      String path = target.getKey();
      Chunk chunk = null;
      int index = random.nextInt(4);
      if (model.tree.get(path) instanceof File f
          && !f.chunks.isEmpty()
          && random.nextInt(10) != 0) {
        List<Integer> indexes = new ArrayList<>(f.chunks.keySet());
        index = indexes.get(random.nextInt(indexes.size()));
        chunk = f.chunks.get(index);
      }
      List<ChunkId> known = new ArrayList<>(issued);
      known.sort(null);
      ChunkId id =
          chunk != null && random.nextInt(10) != 0
              ? chunk.id()
              : known.isEmpty() ? new ChunkId(1) : known.get(random.nextInt(known.size()));
      long granted = chunk == null ? 1 : chunk.granted();
      long version =
          random.nextInt(4) != 0 ? granted : Math.max(1, granted + (random.nextBoolean() ? 1 : -1));
      long chunkSize =
          model.fileById(new FileId(target.getValue())) instanceof File f ? f.chunkSize : 65536;
      long length =
          random.nextInt(25) == 0
              ? chunkSize + 1
              : random.nextInt(25) == 0 ? -1 : random.nextLong(chunkSize + 1);
      ErrorCode expected =
          model.commitError(path, new FileId(target.getValue()), index, id, version, length);
      var cmd =
          new NamespaceCommand.CommitChunk(
              DfsPath.of(path),
              new FileId(target.getValue()),
              index,
              id,
              new ChunkVersion(version),
              length,
              at);
      Long fileLength = run(cmd, expected);
      if (expected == null) {
        File f = model.fileById(new FileId(target.getValue()));
        long newLength = Math.max(length, f.chunks.get(index).length());
        f.chunks.put(index, new Chunk(id, version, version, newLength));
        f.length = Math.max(f.length, index * f.chunkSize + newLength);
        assertThat(fileLength).as(ctx).isEqualTo(f.length);
      }
    }

    void assertReleasedChunksAreGone() {
      for (ChunkId gone : released) {
        assertThat(ns.chunkOwner(gone)).as(ctx + "released " + gone + " still owned").isEmpty();
      }
    }

    Namespace replay() {
      Namespace replica = Namespace.empty(T0);
      for (int i = 0; i < log.size(); i++) {
        assertThat((Object) log.get(i).applyTo(replica))
            .as(ctx + "command " + i + " " + log.get(i))
            .isEqualTo(outcomes.get(i));
      }
      return replica;
    }
  }

  /**
   * Everything observable: statuses and listing order from the root down, located chunks, owners.
   */
  static List<Object> dump(Namespace ns) {
    List<Object> out = new ArrayList<>(List.of(ns.fileCount(), ns.chunkCount()));
    for (long id = 1;
        id <= STEPS + 1;
        id++) { // ids come from a counter; each step allocates at most one
      out.add(ns.chunkOwner(new ChunkId(id)));
    }
    List<DfsPath> pending = new ArrayList<>(List.of(DfsPath.ROOT));
    while (!pending.isEmpty()) {
      DfsPath path = pending.removeFirst();
      FileStatus s = ns.stat(path).orThrow();
      out.add(s);
      if (s.isDirectory()) {
        ns.list(path, null, Listing.MAX_LIMIT)
            .orThrow()
            .entries()
            .forEach(e -> pending.add(e.path()));
      } else {
        out.add(ns.locate(path, 0, 0).orThrow());
      }
    }
    return out;
  }
}
