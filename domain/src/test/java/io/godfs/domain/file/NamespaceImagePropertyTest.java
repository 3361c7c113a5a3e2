package io.godfs.domain.file;

import static io.godfs.domain.file.NamespaceImages.imageOf;
import static io.godfs.domain.file.NamespaceImages.load;
import static io.godfs.domain.file.NamespaceImages.observe;
import static io.godfs.domain.file.NamespaceImages.recount;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A namespace loaded from an image of another must be indistinguishable from it, now and after any
 * further history: random commands, an image at a random step, then the same random commands on the
 * original and on the copy, which must answer alike at every step and end with equal images. Fixed
 * seeds; a failure names seed and step.
 *
 * <p>{@link NamespacePropertyTest}'s generator is not reused: it is bound to its model's error
 * predictions and never writes under a lease, truncates, recovers or forgets deletions, which is
 * state an image must carry. This one draws arguments from the namespace's own queries instead, so
 * its commands succeed often enough without a model; the outcomes are compared, not predicted.
 */
class NamespaceImagePropertyTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final int RUNS = 300;
  private static final int MAX_STEPS_BEFORE = 150;
  private static final int STEPS_AFTER = 60;

  private final Map<String, Integer> coverage = new TreeMap<>();

  @Test
  void aLoadedNamespaceAnswersAndEvolvesExactlyAsTheOriginal() {
    for (long seed = 1; seed <= RUNS; seed++) {
      run(seed);
    }
    for (String kind :
        List.of(
            "Mkdir",
            "CreateFile",
            "Rename",
            "Delete",
            "AllocateChunk",
            "CommitChunk",
            "Truncate",
            "OpenForWrite",
            "CloseFile",
            "RecoverLease",
            "AdoptChunk",
            "RegrantChunk",
            "ForgetDeleted")) {
      assertThat(coverage.getOrDefault(kind + " ok", 0)).as("%s", coverage).isGreaterThan(200);
    }
    assertThat(coverage.getOrDefault("image with a writer", 0))
        .as("%s", coverage)
        .isGreaterThan(RUNS / 3);
    assertThat(coverage.getOrDefault("image with queued deletions", 0))
        .as("%s", coverage)
        .isGreaterThan(RUNS / 3);
  }

  private void run(long seed) {
    Random random = new Random(seed);
    RandomCommands commands = new RandomCommands(random);
    Namespace original = Namespace.empty(T0);
    int before = random.nextInt(MAX_STEPS_BEFORE + 1);
    int step = 0;
    for (; step < before; step++) {
      NamespaceCommand<?> command = commands.next(original, T0.plusMillis(step + 1));
      count(command, command.applyTo(original));
    }

    String ctx = "seed " + seed + " image at step " + step + ": ";
    List<Object> image = imageOf(original);
    Namespace copy = load(image);
    assertThat(imageOf(copy)).as(ctx + "image of the copy").isEqualTo(image);
    assertThat(observe(copy)).as(ctx + "copy").isEqualTo(observe(original));
    assertThat(copy.figures()).as(ctx + "figures of the loaded copy").isEqualTo(recount(original));
    if (!original.writers().isEmpty()) {
      coverage.merge("image with a writer", 1, Integer::sum);
    }
    if (!original.deletionQueue(1).isEmpty()) {
      coverage.merge("image with queued deletions", 1, Integer::sum);
    }

    for (int end = step + STEPS_AFTER; step < end; step++) {
      NamespaceCommand<?> command = commands.next(original, T0.plusMillis(step + 1));
      ctx = "seed " + seed + " step " + step + " " + command + ": ";
      Outcome<?> expected = command.applyTo(original);
      count(command, expected);
      assertThat((Object) command.applyTo(copy))
          .as(ctx + "outcome on the copy")
          .isEqualTo(expected);
      assertThat(observe(copy)).as(ctx + "copy").isEqualTo(observe(original));
      assertThat(original.figures()).as(ctx + "figures").isEqualTo(recount(original));
      assertThat(copy.figures()).as(ctx + "figures of the copy").isEqualTo(original.figures());
    }
    assertThat(imageOf(copy)).as("seed " + seed + " final image").isEqualTo(imageOf(original));
  }

  private void count(NamespaceCommand<?> command, Outcome<?> outcome) {
    coverage.merge(
        command.getClass().getSimpleName() + (outcome.isOk() ? " ok" : " rejected"),
        1,
        Integer::sum);
  }

  /**
   * Random commands of every kind, with arguments mostly taken from the namespace as it is (its
   * paths, file ids, lease holders, chunks and versions) and sometimes made up, so that both
   * successes and refusals occur.
   */
  static final class RandomCommands {
    private static final String[] NAMES = {"a", "b", "c"};
    private static final List<LeaseHolder.Client> WRITERS =
        List.of(LeaseHolder.client("w1"), LeaseHolder.client("w2"));
    private static final long[] CHUNK_SIZES = {65536, 131072};

    private final Random random;
    private List<DfsPath> paths;
    private List<FileChunks> files;
    private Map<FileId, LeaseHolder.Client> holders;
    private List<ChunkId> queued;

    RandomCommands(Random random) {
      this.random = random;
    }

    NamespaceCommand<?> next(Namespace ns, Instant at) {
      look(ns);
      return switch (random.nextInt(30)) {
        case 0, 1, 2 -> new NamespaceCommand.Mkdir(path(), random.nextBoolean(), at);
        case 3, 4, 5, 6 ->
            new NamespaceCommand.CreateFile(
                path(),
                random.nextBoolean(),
                random.nextInt(20) == 0 ? 0 : 1 + random.nextInt(3),
                pick(CHUNK_SIZES),
                maybeWriter(),
                at);
        case 7, 8 -> new NamespaceCommand.Rename(existing(), path(), random.nextBoolean(), at);
        case 9, 10 -> new NamespaceCommand.Delete(path(), random.nextBoolean(), at);
        case 11, 12, 13, 14 -> {
          FileChunks f = file();
          yield f == null
              ? new NamespaceCommand.Mkdir(path(), true, at)
              : new NamespaceCommand.AllocateChunk(
                  f.status().path(), fileId(f), random.nextInt(4), writerOf(f), at);
        }
        case 15, 16, 17, 18 -> commit(at);
        case 19, 20 -> {
          FileChunks f = file();
          long cs = f == null ? 65536 : f.status().chunkSize();
          yield new NamespaceCommand.Truncate(
              f == null ? path() : f.status().path(),
              random.nextLong(3 * cs + 1),
              f == null ? maybeWriter() : writerOf(f),
              at);
        }
        case 21, 22 ->
            new NamespaceCommand.OpenForWrite(
                file() instanceof FileChunks f ? f.status().path() : path(), pick(WRITERS), at);
        case 23 -> {
          FileChunks f = file();
          LeaseHolder.Client holder = f == null ? null : holders.get(f.status().fileId());
          yield new NamespaceCommand.CloseFile(
              f == null ? new FileId(1 + random.nextInt(20)) : fileId(f),
              holder != null && random.nextInt(5) != 0 ? holder : pick(WRITERS),
              at);
        }
        case 24 ->
            new NamespaceCommand.RecoverLease(
                file() instanceof FileChunks f ? fileId(f) : new FileId(1), at);
        case 25, 26 -> adopt(at);
        case 27 -> regrant(at);
        default -> {
          List<ChunkId> forget = new ArrayList<>();
          queued.stream().filter(c -> random.nextBoolean()).forEach(forget::add);
          if (random.nextInt(4) == 0) {
            forget.add(new ChunkId(1 + random.nextInt(50)));
          }
          yield new NamespaceCommand.ForgetDeleted(forget, at);
        }
      };
    }

    private NamespaceCommand<?> commit(Instant at) {
      FileChunks f = fileWithChunk();
      if (f == null) {
        return new NamespaceCommand.Mkdir(path(), true, at);
      }
      IndexedChunk c = pick(f.chunks());
      ChunkRef ref = c.chunk();
      long version = random.nextInt(6) != 0 ? ref.grantedVersion().value() : 1 + random.nextInt(3);
      long length = random.nextInt(20) == 0 ? -1 : random.nextLong(f.status().chunkSize() + 1);
      return new NamespaceCommand.CommitChunk(
          f.status().path(),
          fileId(f),
          c.index(),
          ref.id(),
          new ChunkVersion(version),
          length,
          writerOf(f),
          at);
    }

    /**
     * Mostly a chunk whose write is pending (granted above committed), as lease recovery finds it.
     */
    private NamespaceCommand<?> adopt(Instant at) {
      FileChunks f = fileWithChunk();
      if (f == null) {
        return new NamespaceCommand.RecoverLease(new FileId(1), at);
      }
      List<IndexedChunk> pending =
          f.chunks().stream()
              .filter(c -> c.chunk().grantedVersion().compareTo(c.chunk().committedVersion()) > 0)
              .toList();
      IndexedChunk c =
          pending.isEmpty() || random.nextInt(8) == 0 ? pick(f.chunks()) : pick(pending);
      return new NamespaceCommand.AdoptChunk(
          fileId(f),
          c.index(),
          c.chunk().id(),
          c.chunk().grantedVersion(),
          random.nextLong(f.status().chunkSize() + 1),
          at);
    }

    private NamespaceCommand<?> regrant(Instant at) {
      FileChunks f = fileWithChunk();
      if (f == null) {
        return new NamespaceCommand.Mkdir(path(), true, at);
      }
      IndexedChunk c = pick(f.chunks());
      ChunkVersion failed =
          random.nextInt(6) != 0 ? c.chunk().grantedVersion() : ChunkVersion.FIRST;
      return new NamespaceCommand.RegrantChunk(
          f.status().path(), fileId(f), c.index(), c.chunk().id(), failed, writerOf(f), at);
    }

    /** Reads what the namespace holds now: the arguments of the next command come from it. */
    private void look(Namespace ns) {
      paths = new ArrayList<>();
      List<DfsPath> pending = new ArrayList<>(List.of(DfsPath.ROOT));
      while (!pending.isEmpty()) {
        DfsPath p = pending.removeFirst();
        paths.add(p);
        if (ns.stat(p).orThrow().isDirectory()) {
          ns.list(p, null, Listing.MAX_LIMIT)
              .orThrow()
              .entries()
              .forEach(e -> pending.add(e.path()));
        }
      }
      files = ns.filesUnder(DfsPath.ROOT).orThrow();
      holders = new TreeMap<>();
      for (LeaseHolder.Client w : ns.writers()) {
        ns.openFiles(w).forEach(o -> holders.put(o.fileId(), w));
      }
      queued = ns.deletionQueue(Integer.MAX_VALUE);
    }

    /** An existing path, sometimes with a new name below it, or a new path below the root. */
    private DfsPath path() {
      DfsPath base = random.nextInt(10) < 7 ? existing() : DfsPath.ROOT;
      int extra = base.isRoot() ? 1 + random.nextInt(2) : random.nextInt(2);
      for (int i = 0; i < extra; i++) {
        base = base.child(pick(NAMES));
      }
      return base;
    }

    private DfsPath existing() {
      return pick(paths);
    }

    private FileChunks file() {
      return files.isEmpty() ? null : pick(files);
    }

    private FileChunks fileWithChunk() {
      List<FileChunks> withChunks = files.stream().filter(f -> !f.chunks().isEmpty()).toList();
      return withChunks.isEmpty() ? null : pick(withChunks);
    }

    /** The file's id, or now and then one that is stale or made up. */
    private FileId fileId(FileChunks f) {
      return random.nextInt(12) != 0 ? f.status().fileId() : new FileId(1 + random.nextInt(30));
    }

    /** The file's lease holder (NONE when closed), or now and then someone else. */
    private LeaseHolder writerOf(FileChunks f) {
      LeaseHolder holder =
          holders.containsKey(f.status().fileId())
              ? holders.get(f.status().fileId())
              : LeaseHolder.NONE;
      return random.nextInt(10) != 0 ? holder : maybeWriter();
    }

    private LeaseHolder maybeWriter() {
      return random.nextBoolean() ? LeaseHolder.NONE : pick(WRITERS);
    }

    private <T> T pick(List<T> list) {
      return list.get(random.nextInt(list.size()));
    }

    private String pick(String[] values) {
      return values[random.nextInt(values.length)];
    }

    private long pick(long[] values) {
      return values[random.nextInt(values.length)];
    }
  }
}
