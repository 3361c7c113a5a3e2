package io.godfs.adapters.rest.multipart;

import io.godfs.adapters.rest.content.Validators;
import io.godfs.adapters.rest.http.ApiException;
import io.godfs.adapters.rest.http.Json;
import io.godfs.adapters.rest.http.Params;
import io.godfs.adapters.rest.http.RequestInfo;
import io.godfs.adapters.rest.http.WatchedBody;
import io.godfs.adapters.rest.multipart.MultipartDtos.CompleteRequest;
import io.godfs.adapters.rest.multipart.MultipartDtos.CompleteResponse;
import io.godfs.adapters.rest.multipart.MultipartDtos.InitRequest;
import io.godfs.adapters.rest.multipart.MultipartDtos.InitResponse;
import io.godfs.adapters.rest.multipart.MultipartDtos.PartRef;
import io.godfs.adapters.rest.multipart.MultipartDtos.PartsResponse;
import io.godfs.application.port.in.FrontEndServices;
import io.godfs.application.port.in.MultipartUpload;
import io.godfs.application.port.in.MultipartUploadUseCase;
import io.godfs.application.port.in.PartChoice;
import io.godfs.application.port.in.UploadPart;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code /v1/fs/multipart}: init, upload part ({@code PUT ...?partNumber=N}), list parts, complete
 * ({@code ?overwrite=true}) and abort, with goDFS's paths and JSON, over the {@link
 * MultipartUploadUseCase} (which also expires abandoned uploads).
 */
public final class MultipartHttpService implements HttpService {
  private final FrontEndServices services;
  private final Json json;

  public MultipartHttpService(FrontEndServices services, Json json) {
    this.services = services;
    this.json = json;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .post("/fs/multipart", this::init)
        .put("/fs/multipart/{uploadId}", this::part)
        .get("/fs/multipart/{uploadId}/parts", this::parts)
        .post("/fs/multipart/{uploadId}/complete", this::complete)
        .delete("/fs/multipart/{uploadId}", this::abort);
  }

  private void init(ServerRequest req, ServerResponse res) {
    DfsPath target = Params.path(json.read(req, InitRequest.class).path(), "path");
    MultipartUpload upload = uploads(req).start(target);
    json.send(
        res,
        200,
        new InitResponse(upload.id(), target.value(), upload.expiresAt().getEpochSecond()));
  }

  private void part(ServerRequest req, ServerResponse res) {
    String raw =
        req.query()
            .first("partNumber")
            .orElseGet(() -> req.query().first("part_number").orElse(null));
    if (raw == null) {
      throw ApiException.badRequest(
          "missing partNumber (expected: ?partNumber=1 to the maximum part count)");
    }
    int number;
    try {
      number = Integer.parseInt(raw);
    } catch (NumberFormatException e) {
      throw ApiException.badRequest("partNumber : " + raw + " (expected: an integer)");
    }
    UploadPart part =
        uploads(req)
            .putPart(
                id(req), number, WatchedBody.of(req), req.headers().contentLength().orElse(-1));
    res.header(HeaderNames.ETAG, part.etag());
    res.status(204).send();
  }

  private void parts(ServerRequest req, ServerResponse res) {
    String id = id(req);
    json.send(
        res,
        200,
        new PartsResponse(id, uploads(req).describe(id).target().value(), uploads(req).parts(id)));
  }

  private void complete(ServerRequest req, ServerResponse res) {
    String id = id(req);
    CompleteRequest body = json.read(req, CompleteRequest.class);
    FileStatus done =
        uploads(req).complete(id, choices(body.parts()), Params.flag(req, "overwrite"));
    json.send(
        res,
        200,
        new CompleteResponse(done.path().value(), done.length(), Validators.of(done).etag()));
  }

  private void abort(ServerRequest req, ServerResponse res) {
    uploads(req).abort(id(req));
    res.status(204).send();
  }

  /** The parts as the request names them; an entry without a number is the request's mistake. */
  /** The caller's own uploads: an id another caller received opens nothing here. */
  private MultipartUploadUseCase uploads(ServerRequest req) {
    return RequestInfo.session(req, services).multipart();
  }

  private static List<PartChoice> choices(List<PartRef> refs) {
    if (refs == null) {
      return List.of();
    }
    List<PartChoice> choices = new ArrayList<>(refs.size());
    for (PartRef ref : refs) {
      if (ref == null || ref.partNumber() == null) {
        throw ApiException.badRequest("every part needs a part_number");
      }
      choices.add(new PartChoice(ref.partNumber(), ref.etag()));
    }
    return choices;
  }

  private static String id(ServerRequest req) {
    return req.path().pathParameters().get("uploadId");
  }
}
