package io.godfs.adapters.rest.admin;

import io.godfs.adapters.rest.http.ApiException;
import io.godfs.adapters.rest.http.ErrorMapper;
import io.godfs.adapters.rest.http.Json;
import io.godfs.adapters.rest.http.Params;
import io.godfs.adapters.rest.http.RequestInfo;
import io.godfs.application.port.in.AdminClient;
import io.godfs.application.port.in.AdminUseCase;
import io.godfs.application.port.in.ClusterFigures;
import io.godfs.application.port.in.FrontEndServices;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.node.MasterInfo;
import io.godfs.domain.node.NodeId;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The admin endpoints of {@code /v1/admin} that the web console calls (ADR 0023, "The web
 * console"): the gateway asks the masters' admin API as its caller ({@link
 * FrontEndServices#admin}), so the masters authorize each call as they authorize the CLI's {@code
 * godfs admin}, and a caller who is not an admin gets their 403 naming the missing permission. It
 * also keeps the last hour of the cluster's byte counters ({@link ThroughputHistory}), sampled
 * every 10 s as the gateway itself while it serves, and from its admin callers' figures.
 */
public final class AdminHttpService implements HttpService {
  private static final System.Logger LOG = System.getLogger(AdminHttpService.class.getName());
  private static final int FSCK_DEFAULT_FILES = 1000;
  private static final int FSCK_MAX_FILES = 10_000;

  private final FrontEndServices services;
  private final Json json;
  private final ThroughputHistory history;
  private ScheduledExecutorService sampler;
  private volatile boolean ownRefusalLogged;

  public AdminHttpService(FrontEndServices services, Json json, Clock clock) {
    this.services = services;
    this.json = json;
    this.history = new ThroughputHistory(clock);
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/admin/cluster", this::cluster)
        .get("/admin/nodes", this::nodes)
        .post("/admin/nodes/{id}/decommission", this::decommission)
        .get("/admin/fsck", this::fsck)
        .get("/admin/repairs", this::repairs)
        .get("/admin/throughput", this::throughput);
  }

  @Override
  public void beforeStart() {
    if (services.ownAdmin().isEmpty()) {
      return; // the admin callers' own figures are the only samples
    }
    sampler =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofVirtual().name("godfs-console-sampler").factory());
    long every = ThroughputHistory.EVERY.toMillis();
    sampler.scheduleAtFixedRate(this::sample, 0, every, TimeUnit.MILLISECONDS);
  }

  @Override
  public void afterStop() {
    if (sampler != null) {
      sampler.shutdownNow();
    }
  }

  /** One sample as the gateway itself; a refusal (its key is not an admin's) is logged once. */
  void sample() {
    try {
      services.ownAdmin().ifPresent(admin -> history.offer(admin.clusterFigures()));
    } catch (DfsException e) {
      if (!ownRefusalLogged) {
        ownRefusalLogged = true;
        LOG.log(
            Level.INFO,
            "the console's throughput history is sampled only when an admin looks: the gateway's"
                + " own figures were refused ("
                + e.getMessage()
                + ")");
      }
    } catch (RuntimeException e) {
      LOG.log(Level.DEBUG, "sampling the cluster figures failed", e);
    }
  }

  private AdminClient admin(ServerRequest req) {
    return services.admin(RequestInfo.of(req).credential());
  }

  private static <T> T value(Outcome<T> outcome) {
    return switch (outcome) {
      case Outcome.Ok<T> ok -> ok.value();
      case Outcome.Rejected<T> rejected -> throw ErrorMapper.toApi(rejected.error());
    };
  }

  private void cluster(ServerRequest req, ServerResponse res) {
    AdminClient admin = admin(req);
    ClusterFigures figures = admin.clusterFigures();
    history.offer(figures);
    json.send(res, 200, AdminDtos.Cluster.of(figures, masters(admin)));
  }

  /** The group's members, or why there are none to list (a single master). */
  private static AdminDtos.Masters masters(AdminClient admin) {
    Outcome<List<MasterInfo>> outcome;
    try {
      outcome = admin.masters();
    } catch (DfsException e) {
      return new AdminDtos.Masters(false, null, List.of(), e.getMessage());
    }
    return switch (outcome) {
      case Outcome.Ok<List<MasterInfo>> ok ->
          new AdminDtos.Masters(
              true,
              ok.value().stream()
                  .filter(MasterInfo::leader)
                  .map(MasterInfo::id)
                  .findFirst()
                  .orElse(null),
              ok.value().stream().map(AdminDtos.Master::of).toList(),
              null);
      case Outcome.Rejected<List<MasterInfo>> rejected ->
          new AdminDtos.Masters(false, null, List.of(), rejected.error().message());
    };
  }

  private void nodes(ServerRequest req, ServerResponse res) {
    json.send(
        res,
        200,
        new AdminDtos.Nodes(admin(req).nodes().stream().map(AdminDtos.Node::of).toList()));
  }

  private void decommission(ServerRequest req, ServerResponse res) {
    String id = req.path().pathParameters().get("id");
    NodeId node;
    try {
      node = new NodeId(id);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("id : " + id + " (" + e.getMessage() + ")");
    }
    json.send(res, 200, AdminDtos.Node.of(value(admin(req).decommission(node))));
  }

  private void fsck(ServerRequest req, ServerResponse res) {
    int limit = Params.integer(req, "limit", 1, FSCK_MAX_FILES, FSCK_DEFAULT_FILES);
    String raw = req.query().first("path").orElse("/");
    json.send(res, 200, AdminDtos.Fsck.of(value(admin(req).fsck(Params.path(raw, "path"))), limit));
  }

  /** The leading master's repair log, newest first ({@code ?limit=}, 1-1000, default 100). */
  private void repairs(ServerRequest req, ServerResponse res) {
    int limit =
        Params.integer(
            req, "limit", 1, AdminUseCase.REPAIRS_MAX_LIMIT, AdminUseCase.REPAIRS_DEFAULT_LIMIT);
    json.send(
        res,
        200,
        new AdminDtos.Repairs(
            limit, admin(req).repairs(limit).stream().map(AdminDtos.Repair::of).toList()));
  }

  private void throughput(ServerRequest req, ServerResponse res) {
    // Asking for the figures checks the caller's admin right, and makes a fresh sample.
    history.offer(admin(req).clusterFigures());
    List<ThroughputHistory.Sample> samples = history.samples();
    json.send(
        res,
        200,
        new AdminDtos.Throughput(
            ThroughputHistory.EVERY.toSeconds(),
            ThroughputHistory.WINDOW.toSeconds(),
            samples.stream().anyMatch(s -> s.readBytes() > 0 || s.writtenBytes() > 0),
            samples.stream()
                .map(
                    s ->
                        new AdminDtos.Sample(
                            s.at().toEpochMilli(), s.readBytes(), s.writtenBytes()))
                .toList(),
            history.rates().stream()
                .map(
                    r ->
                        new AdminDtos.Rate(
                            r.at().toEpochMilli(),
                            r.readBytesPerSecond(),
                            r.writtenBytesPerSecond()))
                .toList()));
  }
}
