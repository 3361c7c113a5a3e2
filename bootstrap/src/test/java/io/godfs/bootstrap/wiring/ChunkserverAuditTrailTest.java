package io.godfs.bootstrap.wiring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcMasterClient;
import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.DfsOutput;
import io.godfs.bootstrap.config.AuditConfig;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.e2e.ChunkPortCalls;
import io.godfs.client.GodfsClient;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.chunk.LocatedChunk;
import io.godfs.domain.chunk.SignedChunkToken;
import io.godfs.domain.file.DfsPath;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A chunkserver with GODFS_AUDIT_CHUNK (ADR 0022) behind a secured master, over real gRPC: its
 * trail holds one JSON line per write, per deletion the master ordered and per refused call, with
 * the token's principal, the caller's address, the chunk and its version, and why a call was
 * refused; reads that were allowed are left out, and no line holds a token or a key.
 */
class ChunkserverAuditTrailTest {
  static final String CLUSTER_KEY = "cluster-key-0123456789abcdef";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;
  final List<AutoCloseable> running = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : running.reversed()) {
      c.close();
    }
  }

  <T extends AutoCloseable> T started(T c) {
    running.add(c);
    return c;
  }

  List<JsonNode> lines(Path trail) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(trail)) {
      out.add(JSON.readTree(line));
    }
    return out;
  }

  @Test
  void writesDeletionsAndRefusedCallsAreRecordedWithoutAnyToken() throws Exception {
    Path keys = dir.resolve("api-keys");
    String rootKey =
        ApiKeyFile.addKey(
            keys, Principal.user("root", Set.of(), Set.of(Role.ADMIN)), new SecureRandom());
    MasterNode master =
        started(
            MasterNode.start(
                new MasterConfig(
                    "127.0.0.1",
                    0,
                    1 << 20,
                    1,
                    Duration.ofSeconds(30),
                    Duration.ofMillis(200),
                    MasterConfig.DEFAULT_LEASE_TIMEOUT,
                    HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO)),
                new MasterSecurity(
                    Optional.of(keys), Map.of(), Optional.empty(), Optional.of(CLUSTER_KEY))));
    String address = "127.0.0.1:" + master.port();
    Path trail = dir.resolve("audit/chunk-1.log");
    ChunkserverNode chunkserver =
        started(
            ChunkserverNode.start(
                ChunkserverConfig.of(
                        address,
                        "127.0.0.1",
                        0,
                        dir.resolve("chunk-1"),
                        "chunk-1",
                        null,
                        0,
                        Duration.ofMillis(200))
                    .withAudit(new AuditConfig(true, Optional.of(trail), 1 << 20, 2)),
                Optional.of(CLUSTER_KEY)));
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!chunkserver.isRegistered() && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // a bounded wait on the real condition
    }
    assertThat(chunkserver.isRegistered()).isTrue();

    GodfsClient root =
        started(
            GodfsClient.connect(
                address, ClientSettings.DEFAULTS.withLocalReads(false), Optional.of(rootKey)));
    byte[] data = new byte[100_000];
    new Random(22).nextBytes(data);
    DfsPath path = DfsPath.of("/audited.bin");
    try (DfsOutput out = root.create(path, false)) {
      out.write(data);
    }
    ChannelPool rootChannels = started(new ChannelPool(Optional.of(rootKey)));
    LocatedChunk chunk =
        started(new GrpcMasterClient(address, rootChannels, Duration.ofSeconds(10)))
            .locate(path, 0, 0)
            .chunks()
            .getFirst();
    ManagedChannel raw =
        ManagedChannelBuilder.forTarget(chunk.replicas().getFirst().address().toString())
            .usePlaintext()
            .build();
    running.add(() -> raw.shutdownNow().awaitTermination(10, TimeUnit.SECONDS));
    // An allowed read (left out), then three refused ones.
    assertThat(ChunkPortCalls.read(raw, chunk, chunk.token()).getCode()).isEqualTo(Status.Code.OK);
    assertThat(ChunkPortCalls.read(raw, chunk, SignedChunkToken.NONE).getCode())
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(ChunkPortCalls.read(raw, chunk, ChunkPortCalls.tampered(chunk.token())).getCode())
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    root.delete(path, false);
    deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!Files.readString(trail).contains("DeleteOrdered") && System.nanoTime() < deadline) {
      Thread.onSpinWait(); // the master orders the deletion in a heartbeat reply
    }

    List<JsonNode> events = lines(trail);
    Predicate<JsonNode> write =
        e -> e.get("operation").asText().endsWith("ChunkService/WriteChunk");
    JsonNode written = events.stream().filter(write).findFirst().orElseThrow();
    assertThat(written.get("principal").asText()).isEqualTo("root");
    assertThat(written.get("result").asText()).isEqualTo("ok");
    assertThat(written.get("chunk_id").asLong()).isEqualTo(chunk.chunkId().value());
    assertThat(written.get("chunk_version").asLong()).isEqualTo(chunk.version().value());
    assertThat(written.get("source").asText()).startsWith("127.0.0.1:");

    List<JsonNode> refused =
        events.stream().filter(e -> e.get("operation").asText().endsWith("ReadChunk")).toList();
    assertThat(refused).as("the allowed read is left out").hasSize(2);
    assertThat(refused)
        .allSatisfy(
            e -> {
              assertThat(e.get("result").asText()).isEqualTo("unauthenticated");
              assertThat(e.get("principal").asText()).isEqualTo("unauthenticated");
              assertThat(e.get("chunk_id").asLong()).isEqualTo(chunk.chunkId().value());
            });
    assertThat(refused.get(0).get("reason").asText()).contains("no chunk access token");
    assertThat(refused.get(1).get("reason").asText()).contains("signature does not verify");

    JsonNode deleted =
        events.stream()
            .filter(e -> e.get("operation").asText().endsWith("DeleteOrdered"))
            .findFirst()
            .orElseThrow();
    assertThat(deleted.get("result").asText()).isEqualTo("ok");
    assertThat(deleted.get("chunk_id").asLong()).isEqualTo(chunk.chunkId().value());

    String text = Files.readString(trail);
    byte[] token = chunk.token().bytes();
    assertThat(text)
        .doesNotContain(rootKey, CLUSTER_KEY)
        .doesNotContain(Base64.getEncoder().encodeToString(token))
        .doesNotContain(Base64.getUrlEncoder().withoutPadding().encodeToString(token))
        .doesNotContain(HexFormat.of().formatHex(token));
  }
}
