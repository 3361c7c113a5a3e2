package io.godfs.benchmarks;

import com.sun.net.httpserver.HttpServer;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TlsContexts;
import io.godfs.adapters.grpc.tls.TlsProvider;
import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.adapters.telemetry.NodeTracing;
import io.godfs.adapters.telemetry.TraceExport;
import io.godfs.application.client.ClientSettings;
import io.godfs.application.port.out.ClientIoMeter;
import io.godfs.application.port.out.RpcMeter;
import io.godfs.bootstrap.config.Build;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.wiring.DevCluster;
import io.godfs.bootstrap.wiring.DevSecurity;
import io.godfs.client.GodfsClient;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.opentelemetry.api.OpenTelemetry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * One cluster of {@code godfs bench-observability}: secured as {@code godfs dev} runs it (TLS 1.3
 * and mutual TLS, API key and authorization, chunk access tokens, audit trail), a master and 3
 * chunkservers in this JVM, and a client acting as a user with the {@code write} role. Watched as
 * its {@link Mode} says: not at all, every node's registry fed (the master's, the chunkservers' and
 * the client's) and scraped every 15 s while it is measured, or that and every node's spans sampled
 * at 1 % and exported over OTLP/HTTP to a {@link TraceReceiver}.
 */
final class ObservedSetup implements AutoCloseable {
  static final Duration SCRAPE_INTERVAL = Duration.ofSeconds(15);

  /** How the cluster is watched. */
  enum Mode {
    OFF("off"),
    METRICS("metrics"),
    TRACED("metrics+trace");

    private final String column;

    Mode(String column) {
      this.column = column;
    }

    String column() {
      return column;
    }
  }

  /** gRPC calls and messages counted by every registry (client and nodes), each side apart. */
  record Traffic(double clientCalls, double serverCalls, double messages) {
    Traffic minus(Traffic before) {
      return new Traffic(
          clientCalls - before.clientCalls,
          serverCalls - before.serverCalls,
          messages - before.messages);
    }
  }

  private final Mode mode;
  private final DevCluster cluster;
  private final GodfsClient client;
  private final Optional<NodeTracing> clientTracing;
  private final Optional<HttpServer> clientListener;
  private final List<URI> targets = new ArrayList<>();
  private final Optional<String> token;
  private final HttpClient http;
  private final ScheduledExecutorService scraper = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong scrapes = new AtomicLong();
  private final AtomicLong scrapeFailures = new AtomicLong();
  private final AtomicLong scrapedBytes = new AtomicLong();

  private ObservedSetup(Mode mode, Path data, long chunkSize, URI receiver) throws IOException {
    this.mode = mode;
    DevSecurity security = DevSecurity.prepare(data);
    String userKey =
        ApiKeyFile.addKey(
            security.folder().resolve("api-keys"),
            Principal.user("bench", Set.of(), Set.of(Role.WRITE)),
            new SecureRandom());
    Optional<TraceExport> export =
        mode == Mode.TRACED
            ? Optional.of(
                new TraceExport(
                    receiver,
                    "godfs",
                    Map.of(),
                    Optional.empty(),
                    Optional.empty(),
                    Optional.empty(),
                    "parentbased_traceidratio",
                    0.01,
                    Map.of(),
                    Duration.ofSeconds(5)))
            : Optional.empty();
    boolean metrics = mode != Mode.OFF;
    cluster =
        DevCluster.start(
            new DevConfig(data, "127.0.0.1", 0, 0, 3, chunkSize, 3, DevConfig.NO_GATEWAY)
                .withSecurity(new DevConfig.Security(true, data.resolve("credentials")))
                .withWatch(
                    new DevConfig.Watch(
                        metrics ? 0 : DevConfig.Watch.NO_METRICS,
                        DevConfig.Watch.DEFAULT.deadAfter(),
                        export)));
    try {
      NodeMetrics clientMetrics = NodeMetrics.of(Build.VERSION, "client", "bench");
      clientTracing = export.map(e -> NodeTracing.start(e.named("godfs-client"), "bench"));
      GrpcTls trustTheCa =
          new GrpcTls(
              Optional.empty(),
              Optional.empty(),
              List.of(cluster.authorityFile().orElseThrow()),
              Optional.empty());
      client =
          GodfsClient.connect(
              cluster.masterAddresses(),
              ClientSettings.DEFAULTS.withLocalReads(false),
              Optional.of(userKey),
              Optional.of(trustTheCa),
              metrics ? clientMetrics.rpc() : RpcMeter.NONE,
              metrics ? clientMetrics.clientIo() : ClientIoMeter.NONE,
              clientTracing.map(NodeTracing::openTelemetry).orElse(OpenTelemetry.noop()));
      if (metrics) {
        HttpServer listener = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        listener.createContext("/metrics", clientMetrics.handler());
        listener.start();
        clientListener = Optional.of(listener);
        cluster.metricsUrls().forEach(u -> targets.add(URI.create(u)));
        targets.add(URI.create("http://127.0.0.1:" + listener.getAddress().getPort() + "/metrics"));
        token = Optional.of(Files.readString(security.folder().resolve("metrics-token")).strip());
      } else {
        clientListener = Optional.empty();
        token = Optional.empty();
      }
      http =
          HttpClient.newBuilder()
              .sslContext(trusting(cluster.authorityFile().orElseThrow()))
              .connectTimeout(Duration.ofSeconds(5))
              .build();
    } catch (IOException | RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** A secured cluster watched as {@code mode} says, its TLS {@code provider}'s. */
  static ObservedSetup start(
      Mode mode, Path data, long chunkSize, TlsProvider provider, URI receiver) throws IOException {
    TlsContexts.use(provider);
    return new ObservedSetup(mode, data, chunkSize, receiver);
  }

  Mode mode() {
    return mode;
  }

  GodfsClient client() {
    return client;
  }

  /** Scrapes every node now and every 15 s until the returned handle is closed. */
  AutoCloseable scraping() {
    if (targets.isEmpty()) {
      return () -> {};
    }
    ScheduledFuture<?> task =
        scraper.scheduleAtFixedRate(
            this::scrapeAll, 0, SCRAPE_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    return () -> task.cancel(false);
  }

  private void scrapeAll() {
    for (URI target : targets) {
      try {
        scrapedBytes.addAndGet(scrape(target).length());
        scrapes.incrementAndGet();
      } catch (IOException | RuntimeException e) {
        scrapeFailures.incrementAndGet();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private String scrape(URI target) throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(target)
            .timeout(Duration.ofSeconds(10))
            .header("Accept", "text/plain; version=0.0.4");
    if (target.getScheme().equals("https")) {
      token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
    }
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException(target + " answered " + response.statusCode());
    }
    return response.body();
  }

  /**
   * The gRPC calls and messages every registry has counted so far (read by a scrape of each, not
   * part of the 15 s schedule); zeros when the cluster is not metered.
   */
  Traffic traffic() throws IOException, InterruptedException {
    double clientCalls = 0;
    double serverCalls = 0;
    double messages = 0;
    for (URI target : targets) {
      for (String line : scrape(target).split("\n")) {
        if (line.startsWith("grpc_client_started_total")) {
          clientCalls += value(line);
        } else if (line.startsWith("grpc_server_started_total")) {
          serverCalls += value(line);
        } else if (line.startsWith("grpc_client_msg_") || line.startsWith("grpc_server_msg_")) {
          messages += value(line);
        }
      }
    }
    return new Traffic(clientCalls, serverCalls, messages);
  }

  private static double value(String line) {
    String rest = line.substring(line.lastIndexOf('}') + 1).strip();
    return Double.parseDouble(rest.split(" ")[0]);
  }

  /** The 15 s scrapes made while measured: done, failed, and the bytes they read. */
  String scrapeSummary() {
    return scrapes.get()
        + " scrapes of "
        + targets.size()
        + " registries ("
        + scrapedBytes.get() / Math.max(1, scrapes.get())
        + " bytes each on average), "
        + scrapeFailures.get()
        + " failed";
  }

  private static SSLContext trusting(Path authority) throws IOException {
    try (InputStream in = Files.newInputStream(authority)) {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trusted.setCertificateEntry("ca-" + i++, c);
      }
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot trust " + authority + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    scraper.shutdownNow();
    http.close();
    try {
      client.close();
    } finally {
      clientListener.ifPresent(l -> l.stop(0));
      cluster.close();
      clientTracing.ifPresent(NodeTracing::close);
    }
  }
}
