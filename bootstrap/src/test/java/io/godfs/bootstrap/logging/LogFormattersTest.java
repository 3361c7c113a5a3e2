package io.godfs.bootstrap.logging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;

/**
 * The two log formats (ADR 0023, "Logs"): golden lines, the call's fields from the current
 * OpenTelemetry Context when known and absent otherwise, one line per event whatever the message
 * holds, JSON that parses.
 */
class LogFormattersTest {
  private static final Instant AT = Instant.parse("2026-12-05T12:00:00.123456Z");
  private static final String TRACE = "0af7651916cd43dd8448eb211c80319c";
  private static final String SPAN = "b7ad6b7169203331";
  private static final String LOGGER = "io.godfs.application.master.HealingLoop";
  private static final ObjectMapper JSON = new ObjectMapper();

  private static LogRecord record(Level level, String message, Object... parameters) {
    LogRecord record = new LogRecord(level, message);
    record.setInstant(AT);
    record.setLoggerName(LOGGER);
    record.setParameters(parameters.length == 0 ? null : parameters);
    return record;
  }

  /** A context as the edges make it while they serve a call. */
  private static Context call(String requestId, String principal) {
    return Context.root()
        .with(
            Baggage.builder()
                .put("godfs.request_id", requestId)
                .put("godfs.principal", principal)
                .put("godfs.api_key", "must-never-be-logged")
                .build())
        .with(
            Span.wrap(
                SpanContext.create(TRACE, SPAN, TraceFlags.getSampled(), TraceState.getDefault())));
  }

  private static String formatIn(Context context, Formatter formatter, LogRecord record) {
    try (Scope ignored = context.makeCurrent()) {
      return formatter.format(record);
    }
  }

  private static final TextFormatter TEXT = new TextFormatter(ZoneOffset.UTC);
  private static final JsonFormatter JSON_LINES = new JsonFormatter("m1");

  @Test
  void aTextLineOutsideAnyCallHasTimeLevelLoggerAndMessageOnly() {
    assertThat(TEXT.format(record(Level.INFO, "healing round: {0} chunks", 12)))
        .isEqualTo(
            "2026-12-05 12:00:00.123 INFO  io.godfs.application.master.HealingLoop healing round:"
                + " 12 chunks\n");
    assertThat(TEXT.format(record(Level.WARNING, "slow"))).contains(" WARN  io.godfs");
    assertThat(TEXT.format(record(Level.SEVERE, "down"))).contains(" ERROR io.godfs");
    assertThat(TEXT.format(record(Level.FINE, "detail"))).contains(" DEBUG io.godfs");
  }

  @Test
  void aTextLineInACallCarriesItsRequestIdPrincipalAndTraceButNoOtherBaggage() {
    String line = formatIn(call("4f2a", "alice"), TEXT, record(Level.INFO, "mkdir /data"));

    assertThat(line)
        .isEqualTo(
            "2026-12-05 12:00:00.123 INFO  io.godfs.application.master.HealingLoop rid=4f2a"
                + " user=alice trace="
                + TRACE
                + " mkdir /data\n");
    assertThat(line).doesNotContain("must-never-be-logged");
  }

  @Test
  void aPrincipalWithASpaceIsQuotedSoTheFieldsStillSplit() {
    String line = formatIn(call("r1", "bob \"the\" admin"), TEXT, record(Level.INFO, "x"));

    assertThat(line).contains(" user=\"bob \\\"the\\\" admin\" trace=");
  }

  @Test
  void controlCharactersInAMessageCannotForgeALine() {
    String forged =
        "user=x\n2026-12-05 12:00:00.000 INFO  io.godfs.Fake admin logged in\r\u001b[31m\u202e";

    String text = TEXT.format(record(Level.INFO, "bad path {0}", forged));
    String json = JSON_LINES.format(record(Level.INFO, "bad path {0}", forged));

    for (String line : List.of(text, json)) {
      assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
      assertThat(line).doesNotContain("\r").doesNotContain("\u001b").doesNotContain("\u202e");
    }
    assertThat(text).contains("bad path user=x\\n2026-12-05").contains("\\r\\u001b[31m\\u202e");
  }

  @Test
  void aTextStackTraceFollowsOnIndentedLinesEvenWhenItsMessageHoldsANewline() {
    LogRecord record = record(Level.SEVERE, "failed");
    record.setThrown(new IllegalStateException("first\n2026-12-05 12:00:00.000 INFO  forged"));

    String[] lines = TEXT.format(record).split("\n");

    assertThat(lines[0]).endsWith(" failed");
    assertThat(lines.length).isGreaterThan(3);
    for (int i = 1; i < lines.length; i++) {
      assertThat(lines[i]).startsWith("    ");
    }
    assertThat(lines[1]).isEqualTo("    java.lang.IllegalStateException: first");
    assertThat(lines[2]).isEqualTo("    2026-12-05 12:00:00.000 INFO  forged");
    assertThat(lines[3]).startsWith("    at io.godfs.bootstrap.logging.LogFormattersTest");
  }

  @Test
  void aJsonLineInACallHasEveryFieldAndParses() throws IOException {
    LogRecord record = record(Level.WARNING, "lease of {0} expired", "/data/\"a\"");
    record.setThrown(new IOException("disk\tgone"));

    String line = formatIn(call("4f2a", "alice"), JSON_LINES, record);

    assertThat(line).endsWith("}\n").doesNotContain("must-never-be-logged");
    assertThat(line.indexOf('\n')).isEqualTo(line.length() - 1);
    JsonNode event = JSON.readTree(line);
    List<String> names = new ArrayList<>();
    event.fieldNames().forEachRemaining(names::add);
    assertThat(names)
        .containsExactly(
            "ts",
            "level",
            "logger",
            "node",
            "msg",
            "request_id",
            "principal",
            "trace_id",
            "span_id",
            "thread",
            "exception");
    assertThat(event.get("ts").asText()).isEqualTo("2026-12-05T12:00:00.123Z");
    assertThat(event.get("level").asText()).isEqualTo("WARN");
    assertThat(event.get("logger").asText()).isEqualTo(LOGGER);
    assertThat(event.get("node").asText()).isEqualTo("m1");
    assertThat(event.get("msg").asText()).isEqualTo("lease of /data/\"a\" expired");
    assertThat(event.get("request_id").asText()).isEqualTo("4f2a");
    assertThat(event.get("principal").asText()).isEqualTo("alice");
    assertThat(event.get("trace_id").asText()).isEqualTo(TRACE);
    assertThat(event.get("span_id").asText()).isEqualTo(SPAN);
    assertThat(event.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
    assertThat(event.get("exception").asText())
        .startsWith("java.io.IOException: disk\tgone\n\tat io.godfs.bootstrap.logging");
  }

  @Test
  void aJsonLineOutsideAnyCallLeavesTheCallsFieldsOut() throws IOException {
    JsonNode event =
        JSON.readTree(new JsonFormatter("").format(record(Level.INFO, "started on {0}", ":9090")));

    List<String> names = new ArrayList<>();
    event.fieldNames().forEachRemaining(names::add);
    assertThat(names).containsExactly("ts", "level", "logger", "msg", "thread");
    assertThat(event.get("msg").asText()).isEqualTo("started on :9090");
  }

  @Test
  void aRecordFormattedByAnotherThreadCarriesNoneOfThatThreadsCall() throws Exception {
    LogRecord record = record(Level.INFO, "queued");
    var other = Executors.newSingleThreadExecutor();
    try {
      Future<String> line =
          other.submit(() -> formatIn(call("not-mine", "mallory"), JSON_LINES, record));
      assertThat(line.get(10, TimeUnit.SECONDS))
          .doesNotContain("not-mine")
          .doesNotContain("mallory")
          .doesNotContain("\"thread\"");
    } finally {
      other.shutdownNow();
    }
  }
}
