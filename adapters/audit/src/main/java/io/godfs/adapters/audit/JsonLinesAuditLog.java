package io.godfs.adapters.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.godfs.application.port.out.AuditEvent;
import io.godfs.application.port.out.AuditLog;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The audit trail as one JSON object per line: {@code {"ts": ..., "principal": ..., "source": ...,
 * "operation": ..., "paths": [...], "result": ..., "request_id": ...}}. Into a file that is rotated
 * by size ({@code audit.log} becomes {@code audit.log.1}, the oldest beyond {@code keep} is
 * deleted), or onto standard output. A line that cannot be written is reported in the log, and the
 * call it records goes on.
 */
public final class JsonLinesAuditLog implements AuditLog, AutoCloseable {
  private static final System.Logger LOG = System.getLogger(JsonLinesAuditLog.class.getName());
  private static final JsonFactory JSON = new JsonFactory();

  private final Path file;
  private final long maxBytes;
  private final int keep;
  private OutputStream out;
  private long written;

  private JsonLinesAuditLog(Path file, long maxBytes, int keep, OutputStream out, long written) {
    this.file = file;
    this.maxBytes = maxBytes;
    this.keep = keep;
    this.out = out;
    this.written = written;
  }

  /**
   * Appends to {@code file}, rotating it past {@code maxBytes} and keeping {@code keep} old ones.
   */
  public static JsonLinesAuditLog toFile(Path file, long maxBytes, int keep) {
    if (maxBytes < 1 || keep < 1) {
      throw new IllegalArgumentException(
          "audit rotation: " + maxBytes + " bytes, " + keep + " files (expected: both >= 1)");
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      long size = Files.exists(file) ? Files.size(file) : 0;
      return new JsonLinesAuditLog(file, maxBytes, keep, open(file), size);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open the audit log " + file + ": " + e, e);
    }
  }

  /** Onto {@code out}, never rotated: standard output, the seed's default (the launcher's). */
  public static JsonLinesAuditLog toStream(OutputStream out) {
    return new JsonLinesAuditLog(null, Long.MAX_VALUE, 1, out, 0);
  }

  /**
   * Hands the line to the operating system before it returns (a call is audited before it is
   * answered). The line is made outside the lock: concurrent callers wait only for each other's
   * write, not for each other's JSON.
   */
  @Override
  public void record(AuditEvent event) {
    byte[] line = (json(event) + "\n").getBytes(StandardCharsets.UTF_8);
    append(line);
  }

  private synchronized void append(byte[] line) {
    try {
      if (file != null && written > 0 && written + line.length > maxBytes) {
        rotate();
      }
      out.write(line);
      out.flush();
      written += line.length;
    } catch (IOException e) {
      LOG.log(Level.ERROR, "audit: cannot write to " + file + ": " + e.getMessage());
    }
  }

  private void rotate() throws IOException {
    out.close();
    Files.deleteIfExists(numbered(keep));
    for (int i = keep - 1; i >= 1; i--) {
      if (Files.exists(numbered(i))) {
        Files.move(numbered(i), numbered(i + 1), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
    out = open(file);
    written = 0;
  }

  private Path numbered(int i) {
    return file.resolveSibling(file.getFileName() + "." + i);
  }

  private static OutputStream open(Path file) throws IOException {
    return Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  static String json(AuditEvent event) {
    StringWriter text = new StringWriter();
    try (JsonGenerator g = JSON.createGenerator(text)) {
      g.writeStartObject();
      g.writeStringField("ts", event.time().toString());
      g.writeStringField("principal", event.principal());
      g.writeStringField("source", event.source());
      g.writeStringField("operation", event.operation());
      g.writeArrayFieldStart("paths");
      for (String path : event.paths()) {
        g.writeString(path);
      }
      g.writeEndArray();
      if (event.chunk().isPresent()) {
        g.writeNumberField("chunk_id", event.chunk().get().id());
        if (event.chunk().get().version() > 0) {
          g.writeNumberField("chunk_version", event.chunk().get().version());
        }
      }
      g.writeStringField("result", event.result());
      if (event.reason().isPresent()) {
        g.writeStringField("reason", event.reason().get());
      }
      if (event.requestId().isPresent()) {
        g.writeStringField("request_id", event.requestId().get());
      }
      if (event.operationId().isPresent()) {
        g.writeStringField("x_request_id", event.operationId().get());
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("a StringWriter does not fail", e);
    }
    return text.toString();
  }

  @Override
  public synchronized void close() {
    if (file != null) {
      try {
        out.close();
      } catch (IOException e) {
        LOG.log(Level.WARNING, "audit: cannot close " + file + ": " + e.getMessage());
      }
    }
  }
}
