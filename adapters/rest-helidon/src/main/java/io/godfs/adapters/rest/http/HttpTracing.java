package io.godfs.adapters.rest.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.ServerRequestHeaders;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;

/**
 * A SERVER span per REST request (ADR 0023), continuing the caller's trace when its {@code
 * traceparent} says so, named by method and route pattern (never the raw path, which is user data),
 * with the request id of {@link RequestIdFilter} as an attribute. The span and the request id are
 * current while the request is served (Helidon runs a request's filters and handler on one thread),
 * so the gateway's calls to the cluster continue the trace and carry the id on as {@code
 * x-request-id}. After {@link RequestIdFilter}; the principal is added by the auth filter ({@link
 * #asPrincipal}).
 */
public final class HttpTracing implements Filter {
  static final String REQUEST_ID = "godfs.request_id";
  static final String PRINCIPAL = "godfs.principal";

  private static final TextMapGetter<ServerRequestHeaders> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(ServerRequestHeaders carrier) {
          return carrier.stream().map(h -> h.name()).toList();
        }

        @Override
        public String get(ServerRequestHeaders carrier, String key) {
          return carrier == null ? null : carrier.first(HeaderNames.create(key)).orElse(null);
        }
      };

  private final Tracer tracer;
  private final TextMapPropagator propagator;

  public HttpTracing(OpenTelemetry openTelemetry) {
    this.tracer = openTelemetry.getTracer("io.godfs.rest");
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
  }

  @Override
  public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
    String method = req.prologue().method().text();
    String requestId = RequestInfo.of(req).requestId();
    Context parent = propagator.extract(Context.root(), req.headers(), GETTER);
    Span span =
        tracer
            .spanBuilder(method)
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", method)
            .setAttribute(REQUEST_ID, requestId)
            .startSpan();
    Context context =
        parent
            .with(span)
            .with(Baggage.fromContext(parent).toBuilder().put(REQUEST_ID, requestId).build());
    try (Scope ignored = context.makeCurrent()) {
      chain.proceed();
    } finally {
      String route = req.matchingPattern().filter(p -> !p.isEmpty()).orElse(HttpMetering.UNMATCHED);
      int status = res.status().code();
      span.updateName(method + " " + route);
      span.setAttribute("http.route", route);
      span.setAttribute("http.response.status_code", status);
      if (status >= 500) {
        span.setStatus(StatusCode.ERROR);
      }
      span.end();
    }
  }

  /**
   * Runs the rest of a request with {@code principal} (the authenticated caller's name) on the
   * current span and in the current baggage, for the log lines.
   */
  public static void asPrincipal(String principal, Runnable rest) {
    Span.current().setAttribute("enduser.id", principal);
    Context context =
        Context.current().with(Baggage.current().toBuilder().put(PRINCIPAL, principal).build());
    try (Scope ignored = context.makeCurrent()) {
      rest.run();
    }
  }
}
