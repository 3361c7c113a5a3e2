package io.godfs.benchmarks;

import io.helidon.webserver.WebServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicLong;

/**
 * This machine's ceiling for a small PUT through HTTP: the same client and the same server stack as
 * the gateway (JDK HttpClient, Helidon SE on 127.0.0.1), but the server only reads the 1 KiB body
 * and answers 204. Whatever goDFS does per PUT (metadata, three durable replicas) comes on top.
 */
final class HttpPutLimit implements AutoCloseable {
  private final WebServer server;
  private final AtomicLong resent = new AtomicLong();

  HttpPutLimit() {
    server =
        WebServer.builder()
            .host("127.0.0.1")
            .port(0)
            .routing(
                r ->
                    r.put(
                        "/sink",
                        (req, res) -> {
                          req.content().as(byte[].class);
                          res.status(204).send();
                        }))
            .build()
            .start();
  }

  /**
   * Steady PUTs/s of {@code body} from {@code clients} concurrent clients. Above ten thousand
   * PUTs/s the JDK client now and then finds a pooled connection closed under it ("header parser
   * received no bytes"); such a PUT is sent again and counted in {@link #resent()}: the ceiling is
   * what matters.
   */
  SteadyRate.Result putsPerSecond(HttpClient http, int clients, byte[] body) throws Exception {
    URI sink = URI.create("http://127.0.0.1:" + server.port() + "/sink");
    return SteadyRate.measure(
        (round, length) ->
            ConcurrentLoad.run(
                clients,
                length,
                (client, i) -> {
                  HttpResponse<Void> res;
                  try {
                    res = send(http, sink, body);
                  } catch (IOException e) {
                    resent.incrementAndGet();
                    res = send(http, sink, body);
                  }
                  if (res.statusCode() != 204) {
                    throw new IllegalStateException(
                        "the no-op server answered " + res.statusCode());
                  }
                }));
  }

  long resent() {
    return resent.get();
  }

  private static HttpResponse<Void> send(HttpClient http, URI sink, byte[] body)
      throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(sink).PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.discarding());
  }

  @Override
  public void close() {
    server.stop();
  }
}
