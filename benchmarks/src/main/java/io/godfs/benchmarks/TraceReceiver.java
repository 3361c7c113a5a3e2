package io.godfs.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for an OpenTelemetry collector: a JDK HTTP server on 127.0.0.1 answering every {@code
 * POST /v1/traces} (OTLP/HTTP, protobuf) with 200 and an empty body, and discarding what it was
 * sent; it counts the exports and their bytes.
 */
final class TraceReceiver implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService threads = Executors.newSingleThreadExecutor();
  private final AtomicLong exports = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();

  TraceReceiver() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the trace receiver: " + e.getMessage(), e);
    }
    server.createContext("/v1/traces", this::receive);
    server.setExecutor(threads);
    server.start();
  }

  private void receive(HttpExchange exchange) throws IOException {
    try (exchange) {
      if (!"POST".equals(exchange.getRequestMethod())) {
        exchange.sendResponseHeaders(405, -1);
        return;
      }
      long n = 0;
      byte[] buf = new byte[16384];
      try (InputStream in = exchange.getRequestBody()) {
        for (int r; (r = in.read(buf)) > 0; ) {
          n += r;
        }
      }
      exports.incrementAndGet();
      bytes.addAndGet(n);
      exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
      exchange.sendResponseHeaders(200, -1);
      OutputStream none = exchange.getResponseBody();
      none.close();
    }
  }

  /** The OTLP/HTTP base address the nodes export to ({@code /v1/traces} is added by them). */
  URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** How many export requests arrived so far. */
  long exports() {
    return exports.get();
  }

  /** How many bytes those requests carried. */
  long bytes() {
    return bytes.get();
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
