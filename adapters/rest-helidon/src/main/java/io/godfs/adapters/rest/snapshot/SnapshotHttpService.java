package io.godfs.adapters.rest.snapshot;

import io.godfs.adapters.rest.http.ApiException;
import io.godfs.adapters.rest.http.Json;
import io.godfs.adapters.rest.http.Params;
import io.godfs.adapters.rest.http.RequestInfo;
import io.godfs.adapters.rest.snapshot.SnapshotDtos.Change;
import io.godfs.adapters.rest.snapshot.SnapshotDtos.Created;
import io.godfs.adapters.rest.snapshot.SnapshotDtos.Diff;
import io.godfs.adapters.rest.snapshot.SnapshotDtos.Directories;
import io.godfs.adapters.rest.snapshot.SnapshotDtos.LabelRequest;
import io.godfs.adapters.rest.snapshot.SnapshotDtos.Manifest;
import io.godfs.adapters.rest.snapshot.SnapshotDtos.NameRequest;
import io.godfs.adapters.rest.snapshot.SnapshotDtos.RestoreRequest;
import io.godfs.adapters.rest.snapshot.SnapshotDtos.SeedList;
import io.godfs.adapters.rest.snapshot.SnapshotDtos.SeedListed;
import io.godfs.adapters.rest.snapshot.SnapshotDtos.Snapshot;
import io.godfs.adapters.rest.snapshot.SnapshotDtos.SnapshotList;
import io.godfs.application.port.in.FrontEndServices;
import io.godfs.application.port.in.SnapshotClient;
import io.godfs.application.port.in.SnapshotUseCase;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.SnapshotInfo;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * Snapshots over HTTP (ADR 0025): the seed's {@code /v1/snapshots} (snapshots of {@code /} by label
 * and id) and goDFS's directory-level {@code /v1/fs/snapshots} and {@code /v1/fs/snapshottable}. A
 * snapshot's files are read through {@code /v1/fs} and {@code /v1/fs/content} at {@code
 * <dir>/.snapshot/<name>/...}; a change there is a 403 ({@code read_only}).
 */
public final class SnapshotHttpService implements HttpService {
  private final FrontEndServices services;
  private final Json json;

  public SnapshotHttpService(FrontEndServices services, Json json) {
    this.services = services;
    this.json = json;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .post("/snapshots", this::seedCreate)
        .get("/snapshots", this::seedList)
        .get("/snapshots/{id}", this::seedGet)
        .delete("/snapshots/{id}", this::seedDelete)
        .put("/fs/snapshottable", (req, res) -> allow(req, res, true))
        .delete("/fs/snapshottable", (req, res) -> allow(req, res, false))
        .get("/fs/snapshottable", this::snapshottable)
        .post("/fs/snapshots/rename", this::rename)
        .post("/fs/snapshots/restore", this::restore)
        .get("/fs/snapshots/diff", this::diff)
        .post("/fs/snapshots", this::create)
        .get("/fs/snapshots", this::list)
        .delete("/fs/snapshots", this::delete);
  }

  /** The seed's create: a snapshot of {@code /} named {@code label}; 200 with its id. */
  private void seedCreate(ServerRequest req, ServerResponse res) {
    LabelRequest body = json.read(req, LabelRequest.class);
    if (body.label() == null || body.label().isEmpty()) {
      throw ApiException.badRequest("missing label (expected: {\"label\": \"NAME\"})");
    }
    SnapshotInfo made = snapshots(req).create(DfsPath.ROOT, body.label());
    json.send(res, 200, new Created(Long.toString(made.id()), made.created().getEpochSecond()));
  }

  /**
   * The seed's list: every snapshot the caller may read, with its file count (one manifest each: a
   * walk of the snapshot's tree per snapshot).
   */
  private void seedList(ServerRequest req, ServerResponse res) {
    SnapshotClient snapshots = snapshots(req);
    List<SeedListed> out = new ArrayList<>();
    for (SnapshotInfo s : snapshots.listAll()) {
      out.add(
          new SeedListed(
              Long.toString(s.id()),
              s.name(),
              s.created().getEpochSecond(),
              snapshots.manifest(s.id()).files().size(),
              s.directory().value()));
    }
    json.send(res, 200, new SeedList(out));
  }

  private void seedGet(ServerRequest req, ServerResponse res) {
    json.send(res, 200, Manifest.of(snapshots(req).manifest(id(req))));
  }

  private void seedDelete(ServerRequest req, ServerResponse res) {
    snapshots(req).delete(id(req));
    res.status(204).send();
  }

  private void allow(ServerRequest req, ServerResponse res, boolean allow) {
    DfsPath dir = Params.path(req);
    if (allow) {
      snapshots(req).allow(dir);
    } else {
      snapshots(req).disallow(dir);
    }
    res.status(204).send();
  }

  private void snapshottable(ServerRequest req, ServerResponse res) {
    json.send(
        res,
        200,
        new Directories(snapshots(req).snapshottable().stream().map(DfsPath::value).toList()));
  }

  /** {@code {"path","name"}}: 201 with the snapshot. */
  private void create(ServerRequest req, ServerResponse res) {
    NameRequest body = json.read(req, NameRequest.class);
    SnapshotInfo made =
        snapshots(req).create(Params.path(body.path(), "path"), required(body.name(), "name"));
    json.send(res, 201, Snapshot.of(made));
  }

  /**
   * {@code ?path=}: that directory's snapshots, oldest first; without it, all the caller may read.
   */
  private void list(ServerRequest req, ServerResponse res) {
    SnapshotClient snapshots = snapshots(req);
    List<SnapshotInfo> listed =
        req.query().first("path").isPresent()
            ? snapshots.list(Params.path(req))
            : snapshots.listAll();
    json.send(res, 200, new SnapshotList(listed.stream().map(Snapshot::of).toList()));
  }

  /** {@code ?path=&name=}: 204. */
  private void delete(ServerRequest req, ServerResponse res) {
    snapshots(req).delete(Params.path(req), query(req, "name"));
    res.status(204).send();
  }

  /** {@code {"path","name","new_name"}}: 200 with the renamed snapshot. */
  private void rename(ServerRequest req, ServerResponse res) {
    NameRequest body = json.read(req, NameRequest.class);
    SnapshotInfo renamed =
        snapshots(req)
            .rename(
                Params.path(body.path(), "path"),
                required(body.name(), "name"),
                required(body.newName(), "new_name"));
    json.send(res, 200, Snapshot.of(renamed));
  }

  /** {@code ?path=&from=[&to=]}: the changes, HDFS's four kinds. */
  private void diff(ServerRequest req, ServerResponse res) {
    DfsPath dir = Params.path(req);
    String from = query(req, "from");
    String to = req.query().first("to").filter(t -> !t.isEmpty()).orElse(null);
    json.send(
        res,
        200,
        new Diff(
            dir.value(),
            from,
            to,
            snapshots(req).diff(dir, from, to).stream().map(Change::of).toList()));
  }

  /** {@code {"source","target"?}}: 204; chunks are shared, no byte is copied. */
  private void restore(ServerRequest req, ServerResponse res) {
    RestoreRequest body = json.read(req, RestoreRequest.class);
    DfsPath source = Params.path(body.source(), "source");
    DfsPath target =
        body.target() == null || body.target().isEmpty()
            ? SnapshotUseCase.liveTarget(source)
                .orElseThrow(
                    () ->
                        ApiException.badRequest(
                            "invalid source: not in a snapshot (expected: DIR/.snapshot/NAME/...)"))
            : Params.path(body.target(), "target");
    snapshots(req).restore(source, target);
    res.status(204).send();
  }

  private SnapshotClient snapshots(ServerRequest req) {
    return RequestInfo.session(req, services).fs().snapshots();
  }

  private static long id(ServerRequest req) {
    String raw = req.path().pathParameters().first("id").orElse("");
    try {
      long id = Long.parseLong(raw);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // Answered below.
    }
    throw new ApiException(404, "not_found", "no snapshot " + raw + " (ids are numbers)");
  }

  private static String query(ServerRequest req, String name) {
    return required(req.query().first(name).orElse(null), name);
  }

  private static String required(String value, String name) {
    if (value == null || value.isEmpty()) {
      throw ApiException.badRequest("missing " + name);
    }
    return value;
  }
}
