package io.godfs.domain.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Directory quotas (ADR 0026): names and space, as HDFS counts and enforces them. */
class QuotaTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final long CHUNK = 65536;
  private static final long NONE = QuotaUsage.NONE;

  private final Namespace ns = Namespace.empty(T0);

  private static DfsPath p(String s) {
    return DfsPath.of(s);
  }

  private static ErrorCode refusal(Outcome<?> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    return ((Outcome.Rejected<?>) outcome).error().code();
  }

  private static String message(Outcome<?> outcome) {
    return ((Outcome.Rejected<?>) outcome).error().message();
  }

  private FileId create(String path) {
    return ns.createFile(p(path), false, 3, CHUNK, T0).orThrow().status().fileId();
  }

  /** Writes chunk {@code index} of a file with {@code bytes} bytes. */
  private Outcome<Long> write(String path, FileId id, int index, long bytes) {
    return ns.allocateChunk(p(path), id, index, T0)
        .flatMap(a -> ns.commitChunk(p(path), id, index, a.chunkId(), a.version(), bytes, T0));
  }

  @Test
  void aNameQuotaCountsTheDirectoryAndEverythingBelowIt() {
    ns.mkdir(p("/q/a"), true, T0).orThrow();
    create("/q/f");
    QuotaUsage set = ns.setQuota(p("/q"), 4, NONE, T0).orThrow();
    assertThat(set).isEqualTo(new QuotaUsage(p("/q"), 4, 3, NONE, 0));

    ns.mkdir(p("/q/a/b"), false, T0).orThrow();
    Outcome<CreatedFile> over = ns.createFile(p("/q/g"), false, 3, CHUNK, T0);
    assertThat(refusal(over)).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(message(over))
        .isEqualTo("/q/g: the name quota of /q is exceeded (quota 4, in use 4, adding 1)");
    assertThat(refusal(ns.mkdir(p("/q/a/b/c"), false, T0))).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    // Overwriting a file adds no name; deleting gives names back.
    ns.createFile(p("/q/f"), true, 3, CHUNK, T0).orThrow();
    ns.delete(p("/q/a"), true, T0).orThrow();
    assertThat(ns.quota(p("/q")).orThrow().names()).isEqualTo(2);
    create("/q/g");
    // Cleared: no limit, and usage still shown, counted from the tree.
    assertThat(ns.setQuota(p("/q"), NONE, NONE, T0).orThrow())
        .isEqualTo(new QuotaUsage(p("/q"), NONE, 3, NONE, 0));
    ns.mkdir(p("/q/x/y/z"), true, T0).orThrow();
  }

  @Test
  void aWriteThatCrossesASpaceQuotaWhileStreamingFailsAndKeepsWhatWasWritten() {
    ns.mkdir(p("/q"), false, T0).orThrow();
    // Room for two chunks of three replicas, as HDFS: each grant must fit its whole chunk.
    ns.setQuota(p("/q"), NONE, 2 * CHUNK * 3, T0).orThrow();
    FileId id = create("/q/big");
    assertThat(write("/q/big", id, 0, CHUNK).orThrow()).isEqualTo(CHUNK);
    assertThat(write("/q/big", id, 1, CHUNK).orThrow()).isEqualTo(2 * CHUNK);
    Outcome<ChunkAllocation> third = ns.allocateChunk(p("/q/big"), id, 2, T0);
    assertThat(refusal(third)).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(message(third))
        .isEqualTo(
            "/q/big: the space quota of /q is exceeded (quota 393216 bytes, in use 393216,"
                + " adding 196608)");
    // Nothing already written is lost.
    assertThat(ns.stat(p("/q/big")).orThrow().length()).isEqualTo(2 * CHUNK);
    assertThat(ns.locate(p("/q/big"), 0, 0).orThrow().chunks()).hasSize(2);
    // Rewriting what is there needs no new space.
    assertThat(write("/q/big", id, 1, CHUNK).isOk()).isTrue();
    // Growing by truncate, or inline, is space too.
    assertThat(refusal(ns.truncate(p("/q/big"), 3 * CHUNK, T0)))
        .isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(refusal(ns.createWithContent(p("/q/small"), false, 3, CHUNK, new byte[10], T0)))
        .isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    // Shrinking gives it back.
    ns.truncate(p("/q/big"), CHUNK, T0).orThrow();
    assertThat(ns.quota(p("/q")).orThrow().space()).isEqualTo(CHUNK * 3);
    ns.createWithContent(p("/q/small"), false, 3, CHUNK, new byte[10], T0).orThrow();
    assertThat(ns.quota(p("/q")).orThrow().space()).isEqualTo(CHUNK * 3 + 30);
  }

  @Test
  void chunksGrantedAndNotYetCommittedCountAgainstTheQuota() {
    ns.mkdir(p("/q"), false, T0).orThrow();
    ns.setQuota(p("/q"), NONE, 2 * CHUNK * 3, T0).orThrow();
    FileId id = create("/q/big");
    // A streaming writer asks for chunk 1 and 2 while chunk 0 is still being written.
    ChunkAllocation first = ns.allocateChunk(p("/q/big"), id, 0, T0).orThrow();
    ns.allocateChunk(p("/q/big"), id, 1, T0).orThrow();
    Outcome<ChunkAllocation> third = ns.allocateChunk(p("/q/big"), id, 2, T0);
    assertThat(refusal(third)).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(message(third))
        .isEqualTo(
            "/q/big: the space quota of /q is exceeded (quota 393216 bytes, in use 0,"
                + " adding 589824)");
    // Once chunk 0 is committed, chunk 1 (still in flight) and chunk 2 would need two chunks more.
    ns.commitChunk(p("/q/big"), id, 0, first.chunkId(), first.version(), CHUNK, T0).orThrow();
    assertThat(refusal(ns.allocateChunk(p("/q/big"), id, 2, T0)))
        .isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    // Rewriting a committed chunk in the middle grows nothing.
    assertThat(ns.allocateChunk(p("/q/big"), id, 0, T0).isOk()).isTrue();
  }

  @Test
  void aMoveCountsWhereItGoesButNotWhatBothSidesShare() {
    ns.mkdir(p("/top/q"), true, T0).orThrow();
    ns.mkdir(p("/top/other/d"), true, T0).orThrow();
    FileId f = create("/top/other/d/f");
    write("/top/other/d/f", f, 0, 100).orThrow();
    ns.setQuota(p("/top"), 5, NONE, T0).orThrow(); // top, q, other, d, f: full
    ns.setQuota(p("/top/q"), NONE, 300, T0).orThrow();
    // Within /top: its usage does not change, so its full name quota does not stop the move...
    Outcome<Removed> tooBig = ns.rename(p("/top/other/d"), p("/top/q/d"), false, T0);
    // ... but /top/q's space quota does: 100 bytes times 3 replicas is 300, which fits.
    assertThat(tooBig.isOk()).isTrue();
    assertThat(ns.quota(p("/top/q")).orThrow())
        .isEqualTo(new QuotaUsage(p("/top/q"), NONE, 3, 300, 300));
    ns.setQuota(p("/top/q"), NONE, 299, T0).orThrow();
    ns.rename(p("/top/q/d"), p("/top/other/d"), false, T0).orThrow();
    Outcome<Removed> refused = ns.rename(p("/top/other/d"), p("/top/q/d"), false, T0);
    assertThat(refusal(refused)).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(ns.stat(p("/top/other/d/f")).isOk()).isTrue();
  }

  @Test
  void quotasAndTheirUsageSurviveTheImage() {
    ns.mkdir(p("/a/b"), true, T0).orThrow();
    FileId f = create("/a/b/f");
    write("/a/b/f", f, 0, 1000).orThrow();
    ns.setQuota(p("/a"), 10, 1_000_000, T0).orThrow();
    ns.setQuota(p("/a/b"), 5, NONE, T0).orThrow();
    Namespace loaded = NamespaceImages.load(NamespaceImages.imageOf(ns));
    assertThat(loaded.quota(p("/a")).orThrow()).isEqualTo(ns.quota(p("/a")).orThrow());
    assertThat(loaded.quota(p("/a/b")).orThrow())
        .isEqualTo(new QuotaUsage(p("/a/b"), 5, 2, NONE, 3000));
    assertThat(NamespaceImages.imageOf(loaded)).isEqualTo(NamespaceImages.imageOf(ns));
  }

  @Test
  void badQuotasAreRefusedWithWhatWasWrong() {
    ns.mkdir(p("/d"), false, T0).orThrow();
    Outcome<QuotaUsage> zero = ns.setQuota(p("/d"), 0, NONE, T0);
    assertThat(refusal(zero)).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(message(zero))
        .isEqualTo(
            "quota of /d: names 0, space -1 (expected: names at least 1, space at least 0, or -1"
                + " for none)");
    create("/f");
    assertThat(refusal(ns.setQuota(p("/f"), 3, NONE, T0))).isEqualTo(ErrorCode.NOT_A_DIRECTORY);
  }

  /** Random changes under nested quotas: each quota's usage always equals a recount of its tree. */
  @Test
  void usageStaysEqualToARecountUnderRandomChanges() {
    String[] dirs = {"/a", "/a/b", "/c"};
    String[] names = {"x", "y", "z"};
    for (long seed = 1; seed <= 200; seed++) {
      Random random = new Random(seed);
      Namespace n = Namespace.empty(T0);
      for (String d : dirs) {
        n.mkdir(p(d), true, T0).orThrow();
      }
      n.setQuota(p("/a"), 30, 4 * CHUNK * 3, T0).orThrow();
      n.setQuota(p("/a/b"), 8, NONE, T0).orThrow();
      n.mkdir(p("/a/b/s"), false, T0).orThrow();
      n.allowSnapshots(p("/a/b/s"), T0).orThrow();
      for (int step = 0; step < 80; step++) {
        String path = dirs[random.nextInt(dirs.length)] + "/" + names[random.nextInt(names.length)];
        switch (random.nextInt(9)) {
          case 0 -> n.mkdir(p(path), false, T0);
          case 1 -> n.createFile(p(path), random.nextBoolean(), 3, CHUNK, T0);
          case 2 ->
              n.stat(p(path))
                  .flatMap(
                      s ->
                          s.isDirectory()
                              ? Outcome.ok(0L)
                              : n.allocateChunk(p(path), s.fileId(), random.nextInt(3), T0)
                                  .flatMap(
                                      a ->
                                          n.commitChunk(
                                              p(path),
                                              s.fileId(),
                                              0,
                                              a.chunkId(),
                                              a.version(),
                                              random.nextInt((int) CHUNK),
                                              T0)));
          case 3 -> n.truncate(p(path), random.nextInt((int) (3 * CHUNK)), T0);
          case 4 ->
              n.rename(
                  p(path),
                  p(dirs[random.nextInt(dirs.length)] + "/" + names[random.nextInt(names.length)]),
                  true,
                  T0);
          case 5 -> n.delete(p(path), true, T0);
          case 6 -> n.createSnapshot(p("/a/b/s"), "s" + step, T0);
          case 7 -> {
            List<SnapshotInfo> taken = n.snapshots(p("/a/b/s")).orThrow();
            if (!taken.isEmpty()) {
              SnapshotInfo s = taken.get(random.nextInt(taken.size()));
              n.mkdir(p("/a/b/s/t"), true, T0);
              n.createFile(p("/a/b/s/t/" + names[random.nextInt(3)]), false, 3, CHUNK, T0);
              n.restore(s.path(), p(path), T0);
            }
          }
          default ->
              n.createWithContent(p(path), true, 3, CHUNK, new byte[random.nextInt(100)], T0);
        }
        for (String q : List.of("/a", "/a/b")) {
          QuotaUsage kept = n.quota(p(q)).orThrow();
          long[] recount = recount(n, p(q));
          assertThat(List.of(kept.names(), kept.space()))
              .as("seed %d step %d: %s", seed, step, q)
              .isEqualTo(List.of(recount[0], recount[1]));
        }
      }
    }
  }

  /** Names and space of a live tree, counted through the public reads. */
  private static long[] recount(Namespace n, DfsPath top) {
    long[] out = new long[2];
    List<DfsPath> todo = new ArrayList<>(List.of(top));
    while (!todo.isEmpty()) {
      DfsPath path = todo.removeLast();
      FileStatus s = n.stat(path).orThrow();
      out[0]++;
      if (s.isDirectory()) {
        n.list(path, null, 1000).orThrow().entries().forEach(e -> todo.add(e.path()));
      } else {
        out[1] += s.length() * s.replication();
      }
    }
    return out;
  }
}
