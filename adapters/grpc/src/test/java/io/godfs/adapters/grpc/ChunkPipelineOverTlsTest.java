package io.godfs.adapters.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.grpc.ChunkPipelineOverSocketsTest.Result;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TestCertificates;
import io.godfs.adapters.grpc.tls.TestCertificates.Ca;
import io.godfs.api.v1.ChunkServiceGrpc;
import io.godfs.api.v1.ReadChunkRequest;
import io.godfs.api.v1.ReadChunkResponse;
import io.godfs.application.chunkserver.ChunkserverServices;
import io.godfs.application.fake.FakeChunkStore;
import io.godfs.application.port.in.ServeChunkUseCase;
import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkPiece;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.chunk.LocalReplica;
import io.godfs.domain.chunk.PieceIterator;
import io.godfs.domain.chunk.PipelineHeader;
import io.godfs.domain.chunk.PipelineStream;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.node.NodeAddress;
import io.godfs.domain.node.NodeId;
import io.godfs.domain.node.NodeLocation;
import io.grpc.StatusRuntimeException;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three chunkservers' data services over mutual TLS: each presents its own certificate as a server
 * and as a client when it forwards to the next replica.
 */
class ChunkPipelineOverTlsTest {
  @TempDir Path dir;
  final List<GrpcServerHandle> servers = new ArrayList<>();
  final List<ChannelPool> pools = new ArrayList<>();
  final List<NodeLocation> nodes = new ArrayList<>();

  @AfterEach
  void stop() {
    pools.forEach(ChannelPool::close);
    servers.forEach(GrpcServerHandle::close);
  }

  ChannelPool pool(Ca ca, TestCertificates.Issued identity) {
    ChannelPool pool =
        new ChannelPool(
            Optional.empty(),
            Optional.of(
                new GrpcTls(
                    Optional.empty(),
                    Optional.of(identity.files()),
                    List.of(ca.certificate()),
                    Optional.empty())));
    pools.add(pool);
    return pool;
  }

  /** Chunkserver {@code i}, serving and forwarding over mutual TLS with {@code identity}. */
  NodeLocation startChunkserver(
      Ca ca, int i, GrpcTls.KeyPairFiles identity, Optional<Duration> reloadEvery) {
    ChannelPool forwarding =
        new ChannelPool(
            Optional.empty(),
            Optional.of(
                new GrpcTls(
                    Optional.empty(),
                    Optional.of(identity),
                    List.of(ca.certificate()),
                    Optional.empty())));
    pools.add(forwarding);
    AtomicReference<ChunkserverServices> services = new AtomicReference<>();
    GrpcServerHandle server =
        GrpcServerHandle.start(
            "127.0.0.1",
            0,
            List.of(
                new GrpcChunkService(
                    (h, l) -> services.get().receive().receive(h, l),
                    new ServeChunkUseCase() {
                      @Override
                      public Outcome<PieceIterator> read(
                          ChunkId c, ChunkVersion v, long o, long n) {
                        return services.get().serve().read(c, v, o, n);
                      }

                      @Override
                      public Outcome<LocalReplica> local(ChunkId c, ChunkVersion v) {
                        return services.get().serve().local(c, v);
                      }
                    })),
            Optional.of(
                new GrpcTls(
                    Optional.of(identity),
                    Optional.empty(),
                    List.of(ca.certificate()),
                    reloadEvery)));
    NodeLocation self =
        new NodeLocation(new NodeId("cs-" + i), new NodeAddress("127.0.0.1", server.port()));
    services.set(
        ChunkserverServices.create(
            new FakeChunkStore(1L << 30),
            new GrpcChunkPipeline(forwarding),
            self,
            System::nanoTime));
    servers.add(server);
    nodes.add(self);
    return self;
  }

  @Test
  void aWriteStreamOpenWhileTheServerCertificateRotatesCompletes() throws Exception {
    Ca ca = TestCertificates.newCa(dir, "cluster-ca");
    TestCertificates.Issued first = ca.issue("CN=cs-0,OU=chunkserver");
    TestCertificates.Issued second = ca.issue("CN=cs-0,OU=chunkserver");
    Path chain = dir.resolve("live.pem");
    Path key = dir.resolve("live-key.pem");
    first.installAs(chain, key);
    NodeLocation node =
        startChunkserver(
            ca, 0, new GrpcTls.KeyPairFiles(chain, key), Optional.of(Duration.ofMillis(50)));
    TestCertificates.Issued user = ca.issue("CN=alice");
    ChannelPool client = pool(ca, user);
    ChunkId chunk = new ChunkId(5);
    byte[] data = new byte[2 << 20];
    new Random(5).nextBytes(data);
    Result result = new Result();
    PipelineStream stream =
        new GrpcChunkPipeline(client)
            .open(node, new PipelineHeader(chunk, ChunkVersion.FIRST, 8L << 20, List.of()), result);
    stream.send(0, ChunkPiece.of(0, ByteBuffer.wrap(data, 0, 1 << 20).slice()));

    second.installAs(chain, key);
    // New connections see the new certificate (each attempt a new client: a new handshake).
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    AtomicReference<BigInteger> seen = new AtomicReference<>(first.serial());
    while (!second.serial().equals(seen.get()) && System.nanoTime() < deadline) {
      ChannelPool fresh = pool(ca, user);
      Iterator<ReadChunkResponse> missing =
          ChunkServiceGrpc.newBlockingStub(fresh.channel(node.address().toString()))
              .withInterceptors(new TlsOverSocketsTest.ServerCertificateNoter(seen))
              .withDeadlineAfter(5, TimeUnit.SECONDS)
              .readChunk(ReadChunkRequest.newBuilder().setChunkId(999).setVersion(1).build());
      assertThatThrownBy(missing::hasNext).isInstanceOf(StatusRuntimeException.class);
      fresh.close();
    }
    assertThat(seen.get()).isEqualTo(second.serial());

    // The stream opened before the rotation goes on, on its connection.
    stream.send(1, ChunkPiece.of(1 << 20, ByteBuffer.wrap(data, 1 << 20, 1 << 20).slice()));
    stream.finish(2);
    assertThat(result.finished.get(20, TimeUnit.SECONDS)).isEqualTo(data.length);
  }

  @Test
  void aPipelinedWriteOverMutualTlsLandsOnEveryReplicaAndReadsBack() throws Exception {
    Ca ca = TestCertificates.newCa(dir, "cluster-ca");
    for (int i = 0; i < 3; i++) {
      TestCertificates.Issued identity = ca.issue("CN=cs-" + i + ",OU=chunkserver");
      startChunkserver(ca, i, identity.files(), Optional.empty());
    }
    ChannelPool client = pool(ca, ca.issue("CN=alice"));

    ChunkId chunk = new ChunkId(1);
    byte[] data = new byte[3 * (1 << 20) + 777];
    new Random(7).nextBytes(data);
    long heldBefore = HeldBuffers.EVER.get();
    Result result = new Result();
    PipelineStream stream =
        new GrpcChunkPipeline(client)
            .open(
                nodes.get(0),
                new PipelineHeader(chunk, ChunkVersion.FIRST, 8L << 20, nodes.subList(1, 3)),
                result);
    long seq = 0;
    for (int off = 0; off < data.length; off += 1 << 20) {
      int n = Math.min(1 << 20, data.length - off);
      stream.send(seq++, ChunkPiece.of(off, ByteBuffer.wrap(data, off, n).slice()));
    }
    stream.finish(seq);
    assertThat(result.finished.get(20, TimeUnit.SECONDS)).isEqualTo(data.length);
    // Decrypted TLS records too stay where they landed: each replica held the three 1 MiB pieces.
    assertThat(HeldBuffers.EVER.get() - heldBefore).isEqualTo(3 * 3);

    for (NodeLocation node : nodes) {
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      try (PieceIterator it =
          new GrpcChunkFetcher(client, Duration.ofSeconds(10), false)
              .fetch(node, chunk, ChunkVersion.FIRST, 0, data.length)) {
        for (ChunkPiece p = it.next(); p != null; p = it.next()) {
          byte[] b = new byte[p.length()];
          p.data().duplicate().get(b);
          got.write(b);
        }
      }
      assertThat(got.toByteArray()).isEqualTo(data);
    }
  }
}
