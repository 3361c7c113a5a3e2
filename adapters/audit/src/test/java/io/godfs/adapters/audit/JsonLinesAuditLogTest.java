package io.godfs.adapters.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.godfs.application.port.out.AuditEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonLinesAuditLogTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private static AuditEvent event(String path, String result) {
    return new AuditEvent(
        Instant.parse("2026-12-05T10:00:00.123456789Z"),
        "alice",
        "10.0.0.5:4411",
        "godfs.api.v1.MasterService/Rename",
        List.of(path, "/b \"quoted\"\nline"),
        result,
        Optional.of("client-1:7"));
  }

  @Test
  void eachEventIsOneJsonLineWithEveryField() throws Exception {
    Path file = dir.resolve("logs/audit.log");
    try (JsonLinesAuditLog log = JsonLinesAuditLog.toFile(file, 1 << 20, 3)) {
      log.record(event("/a", "ok"));
      log.record(event("/c", "permission_denied"));
    }
    List<String> lines = Files.readAllLines(file);
    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines.get(0));
    assertThat(first.get("ts").asText()).isEqualTo("2026-12-05T10:00:00.123456789Z");
    assertThat(first.get("principal").asText()).isEqualTo("alice");
    assertThat(first.get("source").asText()).isEqualTo("10.0.0.5:4411");
    assertThat(first.get("operation").asText()).isEqualTo("godfs.api.v1.MasterService/Rename");
    assertThat(first.get("paths").get(1).asText()).isEqualTo("/b \"quoted\"\nline");
    assertThat(first.get("result").asText()).isEqualTo("ok");
    assertThat(first.get("request_id").asText()).isEqualTo("client-1:7");
    assertThat(JSON.readTree(lines.get(1)).get("result").asText()).isEqualTo("permission_denied");
  }

  @Test
  void theClientOperationACallServedIsNamedBesideTheCallsOwnId() throws Exception {
    JsonNode line =
        JSON.readTree(
            JsonLinesAuditLog.json(event("/a", "ok").servingOperation(Optional.of("4f2a9c"))));
    assertThat(line.get("request_id").asText()).isEqualTo("client-1:7");
    assertThat(line.get("x_request_id").asText()).isEqualTo("4f2a9c");
    assertThat(JSON.readTree(JsonLinesAuditLog.json(event("/a", "ok"))).has("x_request_id"))
        .isFalse();
  }

  @Test
  void aChunkserverEventNamesTheChunkItsVersionAndWhyItWasRefused() throws Exception {
    AuditEvent refused =
        new AuditEvent(
            Instant.parse("2026-12-05T10:00:00Z"),
            "unauthenticated",
            "10.0.0.9:5000",
            "godfs.api.v1.ChunkService/ReadChunk",
            List.of(),
            "unauthenticated",
            Optional.empty(),
            Optional.of(new AuditEvent.AuditedChunk(7, 3)),
            Optional.of("chunk access token signature does not verify"));
    JsonNode line = JSON.readTree(JsonLinesAuditLog.json(refused));
    assertThat(line.get("chunk_id").asLong()).isEqualTo(7);
    assertThat(line.get("chunk_version").asLong()).isEqualTo(3);
    assertThat(line.get("reason").asText())
        .isEqualTo("chunk access token signature does not verify");
    assertThat(line.has("request_id")).isFalse();
    AuditEvent anyVersion =
        new AuditEvent(
            refused.time(),
            "master",
            "master",
            "chunkserver/DeleteChunk",
            List.of(),
            "ok",
            Optional.empty(),
            Optional.of(new AuditEvent.AuditedChunk(7, 0)),
            Optional.empty());
    JsonNode deleted = JSON.readTree(JsonLinesAuditLog.json(anyVersion));
    assertThat(deleted.has("chunk_version")).isFalse();
    assertThat(deleted.has("reason")).isFalse();
    assertThat(JSON.readTree(JsonLinesAuditLog.json(event("/a", "ok"))).has("chunk_id")).isFalse();
  }

  @Test
  void aFullFileIsRotatedAndOnlyTheNewestOnesAreKept() throws Exception {
    Path file = dir.resolve("audit.log");
    int line = JsonLinesAuditLog.json(event("/0", "ok")).length() + 1;
    try (JsonLinesAuditLog log = JsonLinesAuditLog.toFile(file, 2L * line, 2)) {
      for (int i = 0; i < 7; i++) {
        log.record(event("/" + i, "ok"));
      }
    }
    // Two lines per file: /6 in the live file, /4 /5 in .1, /2 /3 in .2; /0 /1 were dropped.
    assertThat(Files.readAllLines(file)).singleElement().asString().contains("\"/6\"");
    assertThat(Files.readAllLines(dir.resolve("audit.log.1"))).hasSize(2);
    assertThat(String.join("", Files.readAllLines(dir.resolve("audit.log.2"))))
        .contains("\"/2\"", "\"/3\"");
    assertThat(dir.resolve("audit.log.3")).doesNotExist();
  }

  @Test
  void aRestartAppendsAndCountsWhatIsAlreadyThere() throws Exception {
    Path file = dir.resolve("audit.log");
    int line = JsonLinesAuditLog.json(event("/0", "ok")).length() + 1;
    try (JsonLinesAuditLog log = JsonLinesAuditLog.toFile(file, 2L * line, 2)) {
      log.record(event("/0", "ok"));
      log.record(event("/1", "ok"));
    }
    try (JsonLinesAuditLog log = JsonLinesAuditLog.toFile(file, 2L * line, 2)) {
      log.record(event("/2", "ok"));
    }
    assertThat(Files.readAllLines(file)).hasSize(1);
    assertThat(Files.readAllLines(dir.resolve("audit.log.1"))).hasSize(2);
  }

  @Test
  void aRotationOfNothingIsRefusedAtStart() {
    assertThatThrownBy(() -> JsonLinesAuditLog.toFile(dir.resolve("a"), 0, 1))
        .hasMessage("audit rotation: 0 bytes, 1 files (expected: both >= 1)");
  }
}
