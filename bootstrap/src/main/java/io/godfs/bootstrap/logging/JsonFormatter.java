package io.godfs.bootstrap.logging;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * {@code GODFS_LOG_FORMAT=json}: one JSON object per line, for log shippers (ADR 0023, "Logs"):
 * {@code ts} (UTC, milliseconds), {@code level}, {@code logger}, {@code node}, {@code msg}, {@code
 * request_id}, {@code principal}, {@code trace_id}, {@code span_id}, {@code thread} and {@code
 * exception} (the stack trace as one string). A field that is not known is left out. Every string
 * is escaped, control characters included, so an event is always one line.
 */
public final class JsonFormatter extends Formatter {
  private static final DateTimeFormatter TIME = DateTimeFormatter.ISO_INSTANT;

  private final String node;

  /** {@code node}: this process's node id or host, empty when not known. */
  public JsonFormatter(String node) {
    this.node = node;
  }

  @Override
  public String format(LogRecord record) {
    LogEvent event = LogEvent.of(this, record);
    StringBuilder line = new StringBuilder(256).append('{');
    String ts = TIME.format(event.time().truncatedTo(ChronoUnit.MILLIS));
    field(line, "ts", Optional.of(ts), false);
    field(line, "level", Optional.of(LogLevelNames.shortName(event.level())), true);
    field(line, "logger", Optional.of(event.logger()), true);
    field(line, "node", Optional.of(node).filter(n -> !n.isEmpty()), true);
    field(line, "msg", Optional.of(event.message()), true);
    field(line, "request_id", event.context().requestId(), true);
    field(line, "principal", event.context().principal(), true);
    field(line, "trace_id", event.context().traceId(), true);
    field(line, "span_id", event.context().spanId(), true);
    field(line, "thread", event.thread(), true);
    field(line, "exception", event.thrown().map(LogEvent::stackTrace), true);
    return line.append("}\n").toString();
  }

  private static void field(
      StringBuilder line, String name, Optional<String> value, boolean comma) {
    value.ifPresent(
        v -> {
          if (comma) {
            line.append(',');
          }
          line.append('"').append(name).append("\":\"").append(LogText.json(v)).append('"');
        });
  }
}
