package io.godfs.bootstrap.logging;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.logging.Formatter;
import java.util.logging.LogRecord;

/**
 * The default log format, for people: {@code 2026-12-05 12:00:00.123 INFO
 * io.godfs.application.master.HealingLoop rid=4f2a user=alice trace=0af7... message} (ADR 0023,
 * "Logs"): local time with milliseconds, level, logger, then the request id, principal and trace id
 * when known. One line per event, its control characters escaped; a stack trace follows on lines
 * indented by four spaces, so no line of it can pass for an event.
 */
public final class TextFormatter extends Formatter {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
  private static final String INDENT = "    ";

  private final ZoneId zone;

  /** Times in this machine's time zone. */
  public TextFormatter() {
    this(ZoneId.systemDefault());
  }

  TextFormatter(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public String format(LogRecord record) {
    LogEvent event = LogEvent.of(this, record);
    StringBuilder line = new StringBuilder(128);
    line.append(TIME.format(event.time().atZone(zone)))
        .append(' ')
        .append(String.format("%-5s", LogLevelNames.shortName(event.level())))
        .append(' ')
        .append(LogText.escaped(event.logger()));
    field(line, "rid", event.context().requestId());
    field(line, "user", event.context().principal());
    field(line, "trace", event.context().traceId());
    line.append(' ').append(LogText.escaped(event.message())).append('\n');
    event.thrown().ifPresent(thrown -> stackTrace(line, thrown));
    return line.toString();
  }

  private static void field(StringBuilder line, String name, Optional<String> value) {
    value.ifPresent(v -> line.append(' ').append(name).append('=').append(value(v)));
  }

  /** A value as one token: quoted (JSON style) when it holds a space, a quote or an equals sign. */
  private static String value(String v) {
    if (v.isEmpty() || v.chars().anyMatch(c -> c == ' ' || c == '"' || c == '=')) {
      return '"' + LogText.json(v) + '"';
    }
    return LogText.escaped(v);
  }

  private static void stackTrace(StringBuilder out, Throwable thrown) {
    for (String line : LogEvent.stackTrace(thrown).split("\\R")) {
      if (line.isEmpty()) {
        continue;
      }
      String body = line.startsWith("\t") ? line.substring(1) : line;
      out.append(INDENT).append(LogText.escaped(body)).append('\n');
    }
  }
}
