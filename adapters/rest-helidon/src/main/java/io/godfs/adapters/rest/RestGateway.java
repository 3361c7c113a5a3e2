package io.godfs.adapters.rest;

import io.godfs.adapters.rest.admin.AdminHttpService;
import io.godfs.adapters.rest.auth.ApiKeys;
import io.godfs.adapters.rest.auth.AuthFilter;
import io.godfs.adapters.rest.auth.PresignHttpService;
import io.godfs.adapters.rest.auth.PresignSigner;
import io.godfs.adapters.rest.console.Console;
import io.godfs.adapters.rest.content.ContentHttpService;
import io.godfs.adapters.rest.fs.FsHttpService;
import io.godfs.adapters.rest.fs.QuotaHttpService;
import io.godfs.adapters.rest.fs.XattrHttpService;
import io.godfs.adapters.rest.http.ConnectionWatchdog;
import io.godfs.adapters.rest.http.CorsFilter;
import io.godfs.adapters.rest.http.EnforcedTlsParameters;
import io.godfs.adapters.rest.http.ErrorResponses;
import io.godfs.adapters.rest.http.HeaderSizeFilter;
import io.godfs.adapters.rest.http.HelidonDisconnectLog;
import io.godfs.adapters.rest.http.Http10Refusal;
import io.godfs.adapters.rest.http.HttpMetering;
import io.godfs.adapters.rest.http.HttpTracing;
import io.godfs.adapters.rest.http.Json;
import io.godfs.adapters.rest.http.JsonDirectHandler;
import io.godfs.adapters.rest.http.Params;
import io.godfs.adapters.rest.http.RateLimitFilter;
import io.godfs.adapters.rest.http.RequestIdFilter;
import io.godfs.adapters.rest.http.SilentConnectionTimeout;
import io.godfs.adapters.rest.http.TokenBucketLimiter;
import io.godfs.adapters.rest.multipart.MultipartHttpService;
import io.godfs.adapters.rest.snapshot.SnapshotHttpService;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.FrontEndServices;
import io.godfs.application.port.in.MultipartUploadUseCase;
import io.godfs.application.port.in.UploadUseCase;
import io.godfs.application.port.out.HttpMeter;
import io.helidon.common.socket.SocketOptions;
import io.helidon.common.tls.Tls;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLParameters;

/**
 * The REST gateway: goDFS's HTTP {@code /v1} API on Helidon SE over a {@link FileSystemUseCase}
 * (the same in-port the Java SDK implements) and the upload use cases ({@link UploadUseCase},
 * {@link MultipartUploadUseCase}), which any other front end calls the same way: this adapter only
 * turns requests into calls and results or refusals into answers. Filters, outermost first: request
 * id, metering (when a meter is given), header size, CORS, rate limit per source address, auth,
 * rate limit per caller; then the services ({@code /v1/snapshots} and {@code /v1/fs/snapshots}:
 * {@link SnapshotHttpService}). Deadlines and caps of connections are in {@link ConnectionLimits}.
 */
public final class RestGateway implements AutoCloseable {
  /** Rate-limit buckets kept at most per limiter (about 200 bytes each). */
  static final int MAX_RATE_LIMIT_KEYS = 100_000;

  private final WebServer server;
  private final ConnectionWatchdog watchdog;

  private RestGateway(WebServer server, ConnectionWatchdog watchdog) {
    this.server = server;
    this.watchdog = watchdog;
  }

  /**
   * Starts serving; returns once the port is bound. {@code uploads} and {@code multipart} should
   * stage under {@code /.godfs} ({@link Params#RESERVED}), which the gateway hides and refuses as a
   * client's path. {@code clock} drives presign expiry.
   */
  public static RestGateway start(
      FileSystemUseCase fs,
      UploadUseCase uploads,
      MultipartUploadUseCase multipart,
      GatewaySettings settings,
      Clock clock) {
    return start(
        FrontEndServices.sharedBy(new FrontEndServices.CallerSession(fs, uploads, multipart)),
        settings,
        clock,
        Optional.empty());
  }

  /**
   * Starts serving each caller the services {@code services} gives for its credential (the cluster
   * then decides what that caller may do), over HTTPS when {@code https} is given (then plain HTTP
   * is not served). {@code clock} drives presign expiry.
   */
  public static RestGateway start(
      FrontEndServices services,
      GatewaySettings settings,
      Clock clock,
      Optional<HttpsListener> https) {
    return start(services, settings, clock, https, HttpMeter.NONE);
  }

  /** As above, every request recorded into {@code meter} (ADR 0023). */
  public static RestGateway start(
      FrontEndServices services,
      GatewaySettings settings,
      Clock clock,
      Optional<HttpsListener> https,
      HttpMeter meter) {
    return start(services, settings, clock, https, meter, OpenTelemetry.noop());
  }

  /** As above, every request also a span of {@code tracing} ({@link HttpTracing}). */
  public static RestGateway start(
      FrontEndServices services,
      GatewaySettings settings,
      Clock clock,
      Optional<HttpsListener> https,
      HttpMeter meter,
      OpenTelemetry tracing) {
    Json json = new Json(settings.maxJsonBytes());
    ErrorResponses errors = new ErrorResponses(json);
    PresignSigner signer =
        settings.presignKeyId() == null
            ? null
            : new PresignSigner(settings.presignKeyId(), settings.presignSecrets(), clock);

    ConnectionLimits limits = settings.connectionLimits();
    ConnectionWatchdog watchdog =
        new ConnectionWatchdog(limits.headerTimeout(), limits.bodyTimeout(), json);
    HelidonDisconnectLog.install();
    AtomicReference<String> publicUrl = new AtomicReference<>(settings.publicUrl());

    HttpRouting.Builder routing = HttpRouting.builder();
    routing.addFilter(new RequestIdFilter());
    if (meter != HttpMeter.NONE) {
      routing.addFilter(new HttpMetering(meter));
    }
    // Always: with tracing off it still makes the request id current for the calls and the logs.
    routing.addFilter(new HttpTracing(tracing));
    routing.addFilter(
        (chain, req, res) -> { // lets request bodies find the deadline watchdog
          req.context().register(watchdog);
          chain.proceed();
        });
    routing.addFilter(new HeaderSizeFilter(settings.maxHeaderBytes(), errors));
    if (!settings.corsOrigins().isEmpty()) {
      routing.addFilter(new CorsFilter(settings.corsOrigins()));
    }
    if (settings.sourceRateLimitPerSecond() > 0) {
      routing.addFilter(
          RateLimitFilter.perSource(
              limiter(settings.sourceRateLimitPerSecond(), settings.sourceRateLimitBurst()),
              errors));
    }
    routing.addFilter(
        new AuthFilter(new ApiKeys(settings.apiKeys()), signer, errors, clock, services));
    if (settings.rateLimitPerSecond() > 0) {
      routing.addFilter(
          RateLimitFilter.perCaller(
              limiter(settings.rateLimitPerSecond(), settings.rateLimitBurst()), errors));
    }
    routing.register(
        "/v1",
        new ApiInfoHttpService(json),
        new FsHttpService(services, json),
        new QuotaHttpService(services, json),
        new XattrHttpService(services, json),
        new ContentHttpService(services, settings.maxUploadBytes()),
        new MultipartHttpService(services, json),
        new PresignHttpService(signer, json, publicUrl::get, services),
        new AdminHttpService(services, json, clock),
        new SnapshotHttpService(services, json));
    Console.register(routing); // ADR 0023: the web console's files under /console/
    routing.any(ApiInfoHttpService::unknown);
    errors.register(routing);

    WebServerConfig.Builder builder =
        WebServer.builder()
            .host(settings.host().isEmpty() ? "0.0.0.0" : settings.host())
            .port(settings.port())
            .maxPayloadSize(-1) // enforced per endpoint, so the client gets a JSON 413
            .shutdownHook(false)
            .maxTcpConnections(limits.maxConnections())
            .maxConcurrentRequests(limits.maxConcurrentRequests())
            .idleConnectionTimeout(limits.idleTimeout())
            // Helidon checks for idle connections every period (default 2 min): a few times per
            // timeout.
            .idleConnectionPeriod(
                clamp(
                    limits.idleTimeout().dividedBy(4),
                    Duration.ofMillis(50),
                    Duration.ofSeconds(5)))
            // Helidon's NIO sockets ignore SO_TIMEOUT; its stream sockets honour it
            // (SilentConnectionTimeout).
            .useNio(false)
            .connectionOptions(
                new SilentConnectionTimeout(SocketOptions.create(), limits.silentTimeout()))
            .addConnectionSelector(new Http10Refusal(json))
            .directHandlers(
                handlers -> {
                  JsonDirectHandler direct = new JsonDirectHandler(json);
                  for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
                    handlers.addHandler(type, direct);
                  }
                })
            .addProtocol(
                Http1Config.builder()
                    .maxHeadersSize(HeaderSizeFilter.parserLimit(settings.maxHeaderBytes()))
                    .maxPrologueLength(Math.max(8192, settings.maxHeaderBytes()))
                    .addReceiveListener(watchdog)
                    .build())
            .routing(routing);
    https.ifPresent(h -> builder.tls(tls(h)));
    WebServer server = builder.build();
    try {
      server.start();
    } catch (RuntimeException e) {
      watchdog.close();
      throw e;
    }
    if (publicUrl.get() == null) {
      publicUrl.set(derivedPublicUrl(settings.host(), server.port(), https.isPresent()));
    }
    return new RestGateway(server, watchdog);
  }

  private static TokenBucketLimiter limiter(double perSecond, int burst) {
    return new TokenBucketLimiter(
        perSecond, burst, TimeUnit.MINUTES.toNanos(10), MAX_RATE_LIMIT_KEYS, System::nanoTime);
  }

  private static Duration clamp(Duration d, Duration min, Duration max) {
    return d.compareTo(min) < 0 ? min : d.compareTo(max) > 0 ? max : d;
  }

  /**
   * The listener's TLS: the versions and client certificate rule go into the context itself ({@link
   * EnforcedTlsParameters}), since Helidon's blocking sockets ignore its own parameters.
   */
  private static Tls tls(HttpsListener https) {
    SSLParameters parameters = https.context().getDefaultSSLParameters();
    parameters.setProtocols(HttpsListener.PROTOCOLS.toArray(String[]::new));
    parameters.setNeedClientAuth(https.requireClientCertificate());
    return Tls.builder()
        .sslContext(EnforcedTlsParameters.of(https.context(), parameters))
        .sslParameters(parameters)
        .build();
  }

  static String derivedPublicUrl(String host, int port) {
    return derivedPublicUrl(host, port, false);
  }

  /**
   * {@code http(s)://<listen host>:<port>}; every interface (no host, 0.0.0.0, ::) is named as
   * loopback.
   */
  static String derivedPublicUrl(String host, int port, boolean secure) {
    String h =
        host.isEmpty() || host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]")
            ? "127.0.0.1"
            : host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return (secure ? "https://" : "http://") + h + ":" + port;
  }

  public int port() {
    return server.port();
  }

  @Override
  public void close() {
    try {
      server.stop();
    } finally {
      watchdog.close();
    }
  }
}
