package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.RepairEvent;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.client.GodfsClient;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.file.DfsPath;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The writer's copy on write for chunks a snapshot holds (ADR 0025), end to end: a Ratis master (so
 * a restart keeps the namespace), three chunkservers, TLS and chunk access tokens, and the SDK.
 * Every case reads the live file and its copy under {@code /snap/.snapshot/s1/}: the live file has
 * the new bytes with the old ones around them, the snapshot the old ones.
 */
class SnapshotCopyOnWriteIT {
  static final long CHUNK = 1 << 20;
  static final DfsPath DIR = DfsPath.of("/snap");
  static final Duration ORPHAN_GRACE = Duration.ofSeconds(1);
  static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path dir;
  MasterGroup group;
  GodfsClient fs;

  @BeforeEach
  void start() {
    group =
        new MasterGroup(
            dir,
            1,
            3,
            CHUNK,
            HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO).withOrphanGrace(ORPHAN_GRACE));
    fs = group.client();
    fs.mkdir(DIR, false);
  }

  @AfterEach
  void stop() {
    group.close();
  }

  @Test
  void overwritesAppendsTruncatesAndReplacementsLeaveTheSnapshotAsItWas() throws Exception {
    byte[] mid = write(DIR.child("mid.bin"), (int) (3 * CHUNK + CHUNK / 2), 1);
    byte[] tail = write(DIR.child("tail.bin"), (int) (2 * CHUNK + CHUNK / 2), 2);
    byte[] cut = write(DIR.child("cut.bin"), (int) (2 * CHUNK + CHUNK / 2), 3);
    byte[] whole = write(DIR.child("whole.bin"), (int) (2 * CHUNK), 4);
    snapshot("s1");

    // Into the middle of a chunk: the bytes around the write come from the held chunk.
    byte[] patch = random(200_000, 11);
    long at = CHUNK + CHUNK / 2 + 123;
    writeAt(DIR.child("mid.bin"), at, patch);
    // Into the half-filled last chunk, and on into a new one.
    byte[] more = random((int) CHUNK, 12);
    writeAt(DIR.child("tail.bin"), tail.length, more);
    // Shrunk into chunk 1, then written past the bytes kept: those, zeros, the write.
    long kept = CHUNK + 1000;
    fs.truncate(DIR.child("cut.bin"), kept);
    byte[] late = random(5000, 13);
    long lateAt = CHUNK + 20_000;
    writeAt(DIR.child("cut.bin"), lateAt, late);
    // Replaced whole: a new file, nothing to copy.
    byte[] replacement = random((int) (CHUNK + CHUNK / 5), 14);
    try (OutputStream out = fs.create(DIR.child("whole.bin"), true)) {
      out.write(replacement);
    }

    assertThat(read(DIR.child("mid.bin"))).isEqualTo(overlay(mid, at, patch));
    assertThat(read(DIR.child("tail.bin"))).isEqualTo(overlay(tail, tail.length, more));
    byte[] cutNow = new byte[(int) (lateAt + late.length)];
    System.arraycopy(cut, 0, cutNow, 0, (int) kept);
    System.arraycopy(late, 0, cutNow, (int) lateAt, late.length);
    assertThat(read(DIR.child("cut.bin"))).isEqualTo(cutNow);
    assertThat(read(DIR.child("whole.bin"))).isEqualTo(replacement);
    assertThat(read(inSnapshot("s1", "mid.bin"))).isEqualTo(mid);
    assertThat(read(inSnapshot("s1", "tail.bin"))).isEqualTo(tail);
    assertThat(read(inSnapshot("s1", "cut.bin"))).isEqualTo(cut);
    assertThat(read(inSnapshot("s1", "whole.bin"))).isEqualTo(whole);
    // Only the chunks written to were copied: the others are still shared with the snapshot.
    List<ChunkId> live = chunksOf(DIR.child("mid.bin"));
    List<ChunkId> held = chunksOf(inSnapshot("s1", "mid.bin"));
    assertThat(live.get(0)).isEqualTo(held.get(0));
    assertThat(live.get(1)).isNotEqualTo(held.get(1));
    assertThat(live.get(3)).isEqualTo(held.get(3));
  }

  @Test
  void theSnapshotOutlivesItsFileAndAMasterRestartAndItsDeletionFreesItsChunks() throws Exception {
    DfsPath file = DIR.child("f.bin");
    byte[] old = write(file, (int) (2 * CHUNK + CHUNK / 2), 5);
    snapshot("s1");
    byte[] patch = random(800_000, 15);
    writeAt(file, CHUNK / 2, patch); // rewrites chunks 0 and 1: both copied
    assertThat(read(file)).isEqualTo(overlay(old, CHUNK / 2, patch));
    List<ChunkId> snapshotChunks = chunksOf(inSnapshot("s1", "f.bin"));
    assertThat(snapshotChunks).hasSize(3);
    assertThat(chunksOf(file)).doesNotContain(snapshotChunks.get(0), snapshotChunks.get(1));
    snapshotChunks.forEach(c -> assertThat(ReplicaFiles.of(dir, c)).hasSize(3));

    fs.delete(file, false);
    assertThat(read(inSnapshot("s1", "f.bin"))).isEqualTo(old);

    // The Raft log and image keep the snapshot; block reports must keep its chunks, which no live
    // file references, from being collected as orphans once the grace period is over.
    group.stopMaster(0);
    group.startMaster(0);
    group.awaitLeader();
    GodfsClient after = group.client();
    Waits.until(WAIT, "3 live chunkservers", () -> liveNodes(after) == 3);
    assertThat(read(after, inSnapshot("s1", "f.bin"))).isEqualTo(old);
    long watchUntil = System.nanoTime() + ORPHAN_GRACE.multipliedBy(4).toNanos();
    while (System.nanoTime() < watchUntil) {
      snapshotChunks.forEach(
          c -> assertThat(ReplicaFiles.of(dir, c)).as("replicas of " + c).hasSize(3));
      Thread.onSpinWait();
    }
    // (The copies the live file had may be collected as orphans here: their deletion, queued when
    // the file went, may not have reached every chunkserver before the restart.)
    assertThat(group.master(0).maintenance().recentRepairs())
        .filteredOn(e -> e.kind() == RepairEvent.Kind.ORPHAN_DELETED)
        .extracting(RepairEvent::chunk)
        .doesNotContainAnyElementsOf(snapshotChunks);
    assertThat(read(after, inSnapshot("s1", "f.bin"))).isEqualTo(old);

    // Nothing else references them now: deleting the snapshot deletes every replica.
    after.snapshots().delete(DIR, "s1");
    Waits.until(
        WAIT,
        "every replica of the deleted snapshot's chunks to be deleted",
        () -> snapshotChunks.stream().allMatch(c -> ReplicaFiles.of(dir, c).isEmpty()));
  }

  // ---- helpers

  private void snapshot(String name) {
    if (fs.snapshots().snapshottable().stream().noneMatch(DIR::equals)) {
      fs.snapshots().allow(DIR);
    }
    fs.snapshots().create(DIR, name);
  }

  private static DfsPath inSnapshot(String snapshot, String name) {
    return DIR.child(".snapshot").child(snapshot).child(name);
  }

  private byte[] write(DfsPath path, int length, long seed) throws Exception {
    byte[] bytes = random(length, seed);
    try (OutputStream out = fs.create(path, false)) {
      out.write(bytes);
    }
    return bytes;
  }

  private void writeAt(DfsPath path, long at, byte[] bytes) throws Exception {
    try (OutputStream out = fs.openForWriteAt(path, at)) {
      out.write(bytes);
    }
  }

  private byte[] read(DfsPath path) throws Exception {
    return read(fs, path);
  }

  private static byte[] read(GodfsClient client, DfsPath path) throws Exception {
    try (SeekableInput in = client.open(path)) {
      return in.readAllBytes();
    }
  }

  private List<ChunkId> chunksOf(DfsPath path) {
    List<ChunkId> ids = new ArrayList<>();
    for (LocatedChunk c :
        ReplicaFiles.locate(group.credentials().channels(), group.addresses(), path)) {
      ids.add(c.chunkId());
    }
    Set<ChunkId> distinct = new HashSet<>(ids);
    assertThat(distinct).hasSameSizeAs(ids);
    return ids;
  }

  private static int liveNodes(GodfsClient client) {
    return client.clusterInfo().liveNodes();
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static byte[] overlay(byte[] base, long at, byte[] patch) {
    byte[] out = Arrays.copyOf(base, (int) Math.max(base.length, at + patch.length));
    System.arraycopy(patch, 0, out, (int) at, patch.length);
    return out;
  }
}
