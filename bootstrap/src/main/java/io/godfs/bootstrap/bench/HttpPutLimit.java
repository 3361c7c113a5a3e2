package io.godfs.bootstrap.bench;

import io.helidon.webserver.WebServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * This machine's ceiling for a small PUT through HTTP: the same client and the same server stack as
 * the gateway (JDK HttpClient, Helidon SE on 127.0.0.1), but the server only reads the 1 KiB body and
 * answers 204. Whatever goDFS does per PUT (metadata, three durable replicas) comes on top.
 */
final class HttpPutLimit implements AutoCloseable {
  private final WebServer server;

  HttpPutLimit() {
    server = WebServer.builder().host("127.0.0.1").port(0)
        .routing(r -> r.put("/sink", (req, res) -> {
          req.content().as(byte[].class);
          res.status(204).send();
        }))
        .build().start();
  }

  /** Steady PUTs/s of {@code body} from {@code clients} concurrent clients. */
  SteadyRate.Result putsPerSecond(HttpClient http, int clients, byte[] body) throws Exception {
    URI sink = URI.create("http://127.0.0.1:" + server.port() + "/sink");
    return SteadyRate.measure((round, length) -> ConcurrentLoad.run(clients, length, (client, i) -> {
      HttpResponse<Void> res = http.send(HttpRequest.newBuilder(sink).PUT(HttpRequest.BodyPublishers.ofByteArray(body))
          .build(), HttpResponse.BodyHandlers.discarding());
      if (res.statusCode() != 204) {
        throw new IllegalStateException("the no-op server answered " + res.statusCode());
      }
    }));
  }

  @Override
  public void close() {
    server.stop();
  }
}
