package io.godfs.adapters.rest;

import io.godfs.adapters.rest.auth.ApiKeys;
import io.godfs.adapters.rest.auth.AuthFilter;
import io.godfs.adapters.rest.auth.PresignHttpService;
import io.godfs.adapters.rest.auth.PresignSigner;
import io.godfs.adapters.rest.content.ContentHttpService;
import io.godfs.adapters.rest.content.StagedWrite;
import io.godfs.adapters.rest.fs.FsHttpService;
import io.godfs.adapters.rest.http.CorsFilter;
import io.godfs.adapters.rest.http.ErrorResponses;
import io.godfs.adapters.rest.http.HeaderSizeFilter;
import io.godfs.adapters.rest.http.Json;
import io.godfs.adapters.rest.http.JsonDirectHandler;
import io.godfs.adapters.rest.http.RateLimitFilter;
import io.godfs.adapters.rest.http.RequestIdFilter;
import io.godfs.adapters.rest.http.TokenBucketLimiter;
import io.godfs.adapters.rest.multipart.MultipartHttpService;
import io.godfs.adapters.rest.multipart.MultipartUploads;
import io.godfs.adapters.rest.multipart.UploadJanitor;
import io.godfs.application.port.in.FileSystemUseCase;
import io.helidon.http.DirectHandler;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The REST gateway: goDFS's HTTP {@code /v1} API on Helidon SE over a {@link FileSystemUseCase}
 * (the same in-port the Java SDK implements). Filters, outermost first: request id, CORS, rate
 * limit, auth; then the services. {@code /v1/snapshots} is reserved for the snapshot endpoints.
 */
public final class RestGateway implements AutoCloseable {
  private final WebServer server;
  private final MultipartUploads uploads;
  private final UploadJanitor janitor;

  private RestGateway(WebServer server, MultipartUploads uploads, UploadJanitor janitor) {
    this.server = server;
    this.uploads = uploads;
    this.janitor = janitor;
  }

  /** Starts serving; returns once the port is bound. {@code clock} drives presign and upload expiry. */
  public static RestGateway start(FileSystemUseCase fs, GatewaySettings settings, Clock clock) {
    Json json = new Json(settings.maxJsonBytes());
    ErrorResponses errors = new ErrorResponses(json);
    StagedWrite staged = new StagedWrite(fs);
    MultipartUploads uploads = new MultipartUploads(fs, json, staged, clock, settings.multipartMaxParts(),
        settings.maxUploadBytes(), settings.uploadExpiry());
    PresignSigner signer = settings.presignKeyId() == null ? null
        : new PresignSigner(settings.presignKeyId(), settings.presignSecrets(), clock);

    HttpRouting.Builder routing = HttpRouting.builder();
    routing.addFilter(new RequestIdFilter());
    routing.addFilter(new HeaderSizeFilter(settings.maxHeaderBytes(), errors));
    if (!settings.corsOrigins().isEmpty()) {
      routing.addFilter(new CorsFilter(settings.corsOrigins()));
    }
    if (settings.rateLimitPerSecond() > 0) {
      routing.addFilter(new RateLimitFilter(new TokenBucketLimiter(settings.rateLimitPerSecond(),
          settings.rateLimitBurst(), TimeUnit.MINUTES.toNanos(10), 100_000, System::nanoTime), errors));
    }
    routing.addFilter(new AuthFilter(new ApiKeys(settings.apiKeys()), signer, errors));
    routing.register("/v1", new ApiInfoHttpService(json), new FsHttpService(fs, json),
        new ContentHttpService(fs, staged, settings.maxUploadBytes()), new MultipartHttpService(uploads, json),
        new PresignHttpService(signer, json));
    routing.any(ApiInfoHttpService::unknown);
    errors.register(routing);

    WebServer server = WebServer.builder()
        .host(settings.host().isEmpty() ? "0.0.0.0" : settings.host())
        .port(settings.port())
        .maxPayloadSize(-1) // enforced per endpoint, so the client gets a JSON 413
        .shutdownHook(false)
        .directHandlers(handlers -> {
          JsonDirectHandler direct = new JsonDirectHandler(json);
          for (DirectHandler.EventType type : DirectHandler.EventType.values()) {
            handlers.addHandler(type, direct);
          }
        })
        .addProtocol(Http1Config.builder()
            .maxHeadersSize(HeaderSizeFilter.parserLimit(settings.maxHeaderBytes()))
            .maxPrologueLength(Math.max(8192, settings.maxHeaderBytes()))
            .build())
        .routing(routing)
        .build()
        .start();
    Duration sweep = settings.uploadExpiry().dividedBy(4).compareTo(Duration.ofMinutes(10)) < 0
        ? settings.uploadExpiry().dividedBy(4) : Duration.ofMinutes(10);
    return new RestGateway(server, uploads, new UploadJanitor(uploads, sweep));
  }

  public int port() {
    return server.port();
  }

  /** Removes abandoned multipart uploads and PUT temp files now (the janitor also does it periodically). */
  public int expireAbandonedUploads() {
    return uploads.expireAbandoned();
  }

  @Override
  public void close() {
    janitor.close();
    server.stop();
  }
}
