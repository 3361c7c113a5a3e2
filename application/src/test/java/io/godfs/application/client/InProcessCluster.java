package io.godfs.application.client;

import io.godfs.application.chunkserver.ChunkserverServices;
import io.godfs.application.fake.Callers;
import io.godfs.application.fake.DirectChunkTransfer;
import io.godfs.application.fake.DirectMasterClient;
import io.godfs.application.fake.FakeChunkStore;
import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.master.MasterServices;
import io.godfs.application.master.MasterSettings;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.chunk.ChunkLayout;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A whole cluster in this process with no network, for the client's use cases: a master over the
 * fake metadata store, three chunkservers over fake stores, and as many clients as a test needs
 * (each its own lease holder). Chunks are two blocks, so a few hundred KiB span several chunks.
 */
final class InProcessCluster implements AutoCloseable {
  static final long CHUNK = 2L * ChunkLayout.BLOCK_SIZE;
  final MutableClock time = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return time.instant();
        }
      };
  final MasterServices master;

  /** The master's namespace, for commands no client call reaches yet (snapshots). */
  final FakeMetadataStore store = new FakeMetadataStore();

  final DirectChunkTransfer transfer = new DirectChunkTransfer();
  private final List<FileSystemUseCase> clients = new ArrayList<>();

  InProcessCluster(int masterInlineMaxBytes) {
    master =
        MasterServices.create(
            store,
            time,
            new MasterSettings(CHUNK, 3, Duration.ofSeconds(30), Duration.ofSeconds(2))
                .withInlineMaxBytes(masterInlineMaxBytes),
            new Random(1));
    for (int i = 0; i < 3; i++) {
      NodeLocation self =
          new NodeLocation(new NodeId("cs-" + i), new NodeAddress("127.0.0.1", 8000 + i));
      transfer.add(
          self,
          ChunkserverServices.create(
              new FakeChunkStore(1L << 30), transfer, self, System::nanoTime));
      master
          .registry()
          .register(Callers.ANONYMOUS, self.id(), self.address(), 1L << 30, 0, List.of());
    }
  }

  /** A new client of this cluster, closed with it. */
  FileSystemUseCase client(String name) {
    FileSystemUseCase fs =
        ClientServices.fileSystem(
            new DirectMasterClient(master),
            transfer,
            transfer,
            ClientSettings.DEFAULTS.withLocalReads(false),
            name);
    clients.add(fs);
    return fs;
  }

  /** A client that writes every file through chunks, never inline. */
  FileSystemUseCase chunksOnlyClient(String name) {
    FileSystemUseCase fs =
        ClientServices.fileSystem(
            new DirectMasterClient(master),
            transfer,
            transfer,
            ClientSettings.DEFAULTS.withLocalReads(false).withInlineMaxBytes(0),
            name);
    clients.add(fs);
    return fs;
  }

  @Override
  public void close() {
    clients.forEach(FileSystemUseCase::close);
  }
}
