package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.godfs.adapters.chunkstorerocksdb.RocksDbChunkStore;
import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcMasterClient;
import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.LocalChunk;
import io.godfs.api.v1.OpenLocalRequest;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.application.port.out.ChunkReader;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.wiring.MasterNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.chunk.StoredChunk;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.node.NodeLocation;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunkserver is a separate process killed with SIGKILL right after acknowledged writes and in
 * the middle of the next one: no shutdown hook runs, RocksDB is not closed or flushed, no file is
 * closed. Restarted on the same data folder, with the other chunkservers stopped so that every byte
 * can only come from it, it still holds every acknowledged byte: its index and its chunk files
 * agree (length and block CRCs), and readers get the bytes from its files (short-circuit) and over
 * gRPC.
 *
 * <p>A process kill leaves the kernel's page cache alone, so this proves that an acknowledged write
 * is published in the index and the file before the ack, not that it reached the platters; the
 * fsyncs before the ack are reviewed in docs/adr/0003-write-pipeline.md ("Durability").
 */
class ChunkserverCrashIT {
  static final int CHUNK = 1 << 20;
  static final Duration DEAD_AFTER = Duration.ofSeconds(2);
  static final Duration WAIT = Duration.ofSeconds(60);
  @TempDir Path dir;
  ClusterCredentials credentials;

  private MasterNode master;
  private final List<ChunkserverProcess> nodes = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();
  private final AtomicBoolean stopWriting = new AtomicBoolean();
  private final AtomicReference<Exception> writeFailure = new AtomicReference<>();
  private Thread writer;

  @AfterEach
  void stop() throws Exception {
    stopWriting.set(true);
    if (writer != null) {
      writer.join(TimeUnit.SECONDS.toMillis(30));
    }
    for (AutoCloseable c : closeables.reversed()) {
      c.close();
    }
    nodes.forEach(ChunkserverProcess::close);
    if (master != null) {
      master.close();
    }
  }

  @Test
  void aChunkserverKilledRightAfterAcknowledgedWritesKeepsEveryAcknowledgedByteOnItsOwnDisk()
      throws Exception {
    credentials = ClusterCredentials.in(dir);
    master =
        MasterNode.start(
            new MasterConfig(
                "127.0.0.1",
                0,
                CHUNK,
                3,
                DEAD_AFTER,
                Duration.ofMillis(200),
                MasterConfig.DEFAULT_LEASE_TIMEOUT,
                HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO)),
            credentials.master());
    String masterAddress = "127.0.0.1:" + master.port();
    for (int i = 1; i <= 3; i++) {
      String id = "chunk-" + i;
      nodes.add(
          new ChunkserverProcess(
                  masterAddress,
                  id,
                  dir.resolve(id),
                  dir.resolve("logs"),
                  credentials.chunkserverEnvironment(id))
              .start());
    }
    nodes.forEach(ChunkserverProcess::awaitRegistered);
    ChannelPool channels = closing(credentials.userChannels());
    GrpcMasterClient masterClient =
        new GrpcMasterClient(masterAddress, channels, Duration.ofSeconds(10));
    Waits.until(WAIT, "3 live chunkservers", () -> masterClient.clusterInfo().liveNodes() == 3);

    // Writes of every kind a replica commits differently: new chunks, copy-on-write rewrites of
    // committed bytes, appends in place. The kill comes right after the 12th acknowledgement,
    // while the writer is already sending the next write.
    GodfsClient writerFs = closing(credentials.userClient(masterAddress, ClientSettings.DEFAULTS));
    writerFs.mkdir(DfsPath.of("/crash"), true);
    AcknowledgedWrites writes = new AcknowledgedWrites();
    writer = Thread.ofPlatform().name("writer").start(() -> writeUntilStopped(writerFs, writes));
    Waits.until(
        WAIT,
        "12 acknowledged writes and the next one under way",
        () -> writes.freezeWhileWriting(12) || !writer.isAlive());
    ChunkserverProcess victim = nodes.getFirst();
    victim.kill();
    assertThat(writes.count())
        .as(() -> "the writer ran until the kill; it failed with " + writeFailure.get())
        .isGreaterThanOrEqualTo(12);
    stopWriting.set(true);
    writer.join(WAIT.toMillis());
    assertThat(writer.isAlive()).as("the writer stopped").isFalse();

    Map<DfsPath, byte[]> settled = writes.settledAtFreeze();
    assertThat(settled)
        .as("files whose every write was acknowledged before the kill")
        .hasSizeGreaterThan(3);
    Map<DfsPath, List<LocatedChunk>> chunks = new HashMap<>();
    for (DfsPath path : settled.keySet()) {
      chunks.put(path, masterClient.locate(path, 0, 0).chunks());
    }

    // 1. The killed node's disk as the crash left it, opened the way the chunkserver opens it.
    try (RocksDbChunkStore store = RocksDbChunkStore.open(victim.dataDir(), 0)) {
      for (StoredChunk entry : store.list()) {
        assertIndexAndFileAgree(store, entry);
      }
      for (var file : settled.entrySet()) {
        for (LocatedChunk c : chunks.get(file.getKey())) {
          StoredChunk stored =
              store
                  .describe(c.chunkId())
                  .orElseThrow(
                      () ->
                          new AssertionError(
                              "acknowledged chunk "
                                  + c.index()
                                  + " ("
                                  + c.chunkId()
                                  + ") of "
                                  + file.getKey()
                                  + " is not in the index of "
                                  + victim.id()));
          assertThat(stored.version()).as("version of " + c.chunkId()).isEqualTo(c.version());
          assertThat(stored.length()).as("length of " + c.chunkId()).isEqualTo(c.length());
          assertThat(Files.size(Path.of(store.localReplica(c.chunkId()).path())))
              .isEqualTo(c.length());
          assertThat(readAll(store, c.chunkId(), c.length()))
              .as("bytes of " + c.chunkId() + " of " + file.getKey())
              .isEqualTo(slice(file.getValue(), c));
        }
      }
    }

    // 2. Restarted on the same folder, alone: the others are killed and known dead to the master.
    victim.start().awaitRegistered();
    nodes.get(1).kill();
    nodes.get(2).kill();
    Waits.until(
        WAIT,
        "every settled chunk to be located on " + victim.id() + " alone",
        () ->
            settled.keySet().stream()
                .allMatch(
                    path ->
                        masterClient.locate(path, 0, 0).chunks().stream()
                            .allMatch(
                                c ->
                                    c.replicas().stream()
                                        .map(n -> n.id().value())
                                        .toList()
                                        .equals(List.of(victim.id())))));

    // 3. Every acknowledged byte reads back from it: short-circuit from its files, and over gRPC.
    GodfsClient local = closing(credentials.userClient(masterAddress, ClientSettings.DEFAULTS));
    GodfsClient network =
        closing(
            credentials.userClient(masterAddress, ClientSettings.DEFAULTS.withLocalReads(false)));
    for (var file : settled.entrySet()) {
      try (SeekableInput in = local.open(file.getKey())) {
        assertThat(in.readAllBytes())
            .as("short-circuit read of " + file.getKey())
            .isEqualTo(file.getValue());
      }
      try (SeekableInput in = network.open(file.getKey())) {
        assertThat(in.readAllBytes())
            .as("gRPC read of " + file.getKey())
            .isEqualTo(file.getValue());
      }
    }
    // The short-circuit protocol by hand (a client falls back to gRPC silently): the running node
    // names its file and its index's length and CRCs, and the file on disk matches both.
    for (var file : settled.entrySet()) {
      for (LocatedChunk c : masterClient.locate(file.getKey(), 0, 0).chunks()) {
        NodeLocation node = c.replicas().getFirst();
        LocalChunk opened =
            ChunkServiceGrpc.newBlockingStub(channels.channel(node.address().toString()))
                .withDeadlineAfter(10, TimeUnit.SECONDS)
                .openLocal(
                    OpenLocalRequest.newBuilder()
                        .setChunkId(c.chunkId().value())
                        .setVersion(c.version().value())
                        .setAccessToken(ByteString.copyFrom(c.token().bytes()))
                        .build());
        byte[] onDisk = Files.readAllBytes(Path.of(opened.getPath()));
        assertThat(opened.getLength()).isEqualTo(c.length());
        assertThat(onDisk).as("file of " + c.chunkId()).isEqualTo(slice(file.getValue(), c));
        assertThat(opened.getCrcsList())
            .as("index CRCs of " + c.chunkId())
            .containsExactlyElementsOf(
                Arrays.stream(ChunkLayout.crcs(ByteBuffer.wrap(onDisk), 0)).boxed().toList());
      }
    }
  }

  /**
   * The loop of the writer thread: until told to stop, or until a write fails (the kill broke it).
   */
  private void writeUntilStopped(GodfsClient fs, AcknowledgedWrites writes) {
    Random random = new Random(15);
    List<DfsPath> files = new ArrayList<>();
    for (int i = 0; !stopWriting.get(); i++) {
      DfsPath path;
      long offset;
      byte[] data;
      byte[] before;
      if (i % 3 == 0 || files.isEmpty()) { // a new file of 1-3 chunks, the last one partial
        path = DfsPath.of("/crash/f-" + i);
        before = new byte[0];
        offset = 0;
        data = randomBytes(random, CHUNK / 2 + random.nextInt(2 * CHUNK));
      } else {
        path = files.get(random.nextInt(files.size()));
        before = writes.content(path);
        if (i % 3 == 1) { // rewrite committed bytes: copy-on-write on every replica
          offset = random.nextInt(before.length - 1);
          data = randomBytes(random, (int) Math.min(200_000, before.length - offset));
        } else { // append past the committed length, in place (may start a new chunk)
          offset = before.length;
          data = randomBytes(random, 100_000 + random.nextInt(CHUNK / 2));
        }
      }
      writes.starting(path);
      try (OutputStream out =
          offset == 0 && before.length == 0
              ? fs.create(path, false)
              : fs.openForWriteAt(path, offset)) {
        out.write(data);
      } catch (Exception e) {
        writeFailure.set(e);
        writes.failed(path);
        return; // the kill broke this write; what it left is not acknowledged
      }
      byte[] after = Arrays.copyOf(before, (int) Math.max(before.length, offset + data.length));
      System.arraycopy(data, 0, after, (int) offset, data.length);
      writes.acknowledged(path, after);
      if (!files.contains(path)) {
        files.add(path);
      }
    }
  }

  /**
   * Every block of the entry's file has the CRC the index holds for it, and the file is long
   * enough.
   */
  private static void assertIndexAndFileAgree(RocksDbChunkStore store, StoredChunk entry)
      throws Exception {
    Path file = Path.of(store.localReplica(entry.id()).path());
    assertThat(Files.size(file))
        .as("size of " + file + " (index length " + entry.length() + ")")
        .isGreaterThanOrEqualTo(entry.length());
    try (ChunkReader reader = store.openReader(entry.id())) {
      for (long offset = 0; offset < entry.length(); offset += ChunkLayout.MAX_MESSAGE_BYTES) {
        ChunkPiece piece = reader.read(offset, ChunkLayout.MAX_MESSAGE_BYTES);
        assertThat(piece.verify())
            .as("CRCs of " + entry.id() + " at " + piece.firstBadBlockOffset() + " match its index")
            .isTrue();
      }
    }
  }

  private static byte[] readAll(RocksDbChunkStore store, ChunkId id, long length) {
    byte[] out = new byte[(int) length];
    try (ChunkReader reader = store.openReader(id)) {
      for (long offset = 0; offset < length; offset += ChunkLayout.MAX_MESSAGE_BYTES) {
        ChunkPiece piece = reader.read(offset, ChunkLayout.MAX_MESSAGE_BYTES);
        piece.data().get(out, (int) offset, piece.length());
      }
    } catch (Exception e) {
      throw new AssertionError("read " + id, e);
    }
    return out;
  }

  /** The bytes of {@code content} that chunk {@code c} holds. */
  private static byte[] slice(byte[] content, LocatedChunk c) {
    long start = (long) c.index() * CHUNK;
    return Arrays.copyOfRange(content, (int) start, (int) (start + c.length()));
  }

  private static byte[] randomBytes(Random random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private <T extends AutoCloseable> T closing(T closeable) {
    closeables.add(closeable);
    return closeable;
  }
}
