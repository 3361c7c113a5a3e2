package io.godfs.adapters.rest.fs;

import com.fasterxml.jackson.databind.JsonNode;
import io.godfs.adapters.rest.content.Validators;
import io.godfs.adapters.rest.http.ApiException;
import io.godfs.adapters.rest.http.Json;
import io.godfs.adapters.rest.http.Params;
import io.godfs.adapters.rest.http.RequestInfo;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.FrontEndServices;
import io.godfs.application.port.in.TrashEntry;
import io.godfs.application.port.in.TrashPage;
import io.godfs.application.port.in.TrashUseCase;
import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Listing;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The namespace endpoints of {@code /v1/fs}: stat, list (sorted, paginated), mkdir, file, delete,
 * rename, truncate, attributes and symbolic links (ADR 0028), and the trash's listing and restore
 * (ADR 0024). Mutations without a body answer 204, as goDFS does.
 */
public final class FsHttpService implements HttpService {
  private final FrontEndServices services;
  private final Json json;
  private final FileStatusMapper mapper = new FileStatusMapperGenerated();

  public FsHttpService(FrontEndServices services, Json json) {
    this.services = services;
    this.json = json;
  }

  @Override
  public void routing(HttpRules rules) {
    rules
        .get("/fs/stat", this::stat)
        .get("/fs/list", this::list)
        .post("/fs/mkdir", this::mkdir)
        .post("/fs/file", this::createFile)
        .post("/fs/symlink", this::symlink)
        .post("/fs/link", this::link)
        .get("/fs/readlink", this::readlink)
        .delete("/fs", this::delete)
        .post("/fs/rename", this::rename)
        .post("/fs/truncate", this::truncate)
        .patch("/fs/attributes", this::setAttributes)
        .post("/fs/attributes", this::setAttributes) // for clients that cannot send PATCH
        .post("/fs/restore", this::restore)
        .get("/fs/trash", this::trash);
  }

  private void stat(ServerRequest req, ServerResponse res) {
    FileSystemUseCase fs = fs(req);
    json.send(res, 200, statOf(fs, fs.stat(Params.path(req))));
  }

  /** The stat JSON of {@code status}; a symbolic link's with its target (one more call). */
  private StatResponse statOf(FileSystemUseCase fs, FileStatus status) {
    return statOf(mapper, fs, status);
  }

  static StatResponse statOf(FileStatusMapper mapper, FileSystemUseCase fs, FileStatus status) {
    StatResponse stat = mapper.toStat(status);
    return status.isSymlink() ? stat.withTarget(fs.readlink(status.path())) : stat;
  }

  private void list(ServerRequest req, ServerResponse res) {
    DfsPath path = Params.path(req);
    int limit = Params.integer(req, "limit", 1, Listing.MAX_LIMIT, Listing.DEFAULT_LIMIT);
    String token = req.query().first("page_token").orElse(null);
    String startAfter = token == null || token.isEmpty() ? null : decodeToken(token);
    Listing page = fs(req).list(path, startAfter, limit);
    List<FileStatus> visible =
        page.entries().stream()
            .filter(s -> !Params.RESERVED.equals(s.path())) // the gateway's own folder stays hidden
            .toList();
    String next =
        page.hasMore() && !page.entries().isEmpty()
            ? encodeToken(page.entries().getLast().path().name())
            : null;
    json.send(
        res,
        200,
        new ListResponse(path.value(), visible.stream().map(mapper::toEntry).toList(), next));
  }

  private void mkdir(ServerRequest req, ServerResponse res) {
    PathRequest body = json.read(req, PathRequest.class);
    fs(req).mkdir(Params.path(body.path(), "path"), Boolean.TRUE.equals(body.parents()));
    res.status(204).send();
  }

  private void createFile(ServerRequest req, ServerResponse res) {
    PathRequest body = json.read(req, PathRequest.class);
    fs(req).createEmpty(Params.path(body.path(), "path"), Boolean.TRUE.equals(body.overwrite()));
    res.status(204).send();
  }

  /**
   * {@code POST /v1/fs/symlink} {@code {"path", "target"}} (ADR 0028): a symbolic link, owned by
   * root and 0777 as the master makes them; 201 with its stat. The target is stored as given (1 to
   * 4095 bytes, no NUL) and never followed by goDFS; an existing path is 409 {@code
   * already_exists}.
   */
  private void symlink(ServerRequest req, ServerResponse res) {
    SymlinkRequest body = json.read(req, SymlinkRequest.class);
    DfsPath path = Params.path(body.path(), "path");
    if (body.target() == null || body.target().isEmpty()) {
      throw ApiException.badRequest(
          "invalid or missing target (expected: what the link points to, e.g. ../data/file)");
    }
    FileSystemUseCase fs = fs(req);
    FileStatus link = fs.symlink(path, body.target(), null);
    json.send(res, 201, mapper.toStat(link).withTarget(body.target()));
  }

  /**
   * {@code POST /v1/fs/link} {@code {"existing", "link"}} (ADR 0028): {@code link} becomes another
   * name of the file at {@code existing}; 201 with the stat of the new name (its {@code links}).
   */
  private void link(ServerRequest req, ServerResponse res) {
    LinkRequest body = json.read(req, LinkRequest.class);
    FileSystemUseCase fs = fs(req);
    FileStatus linked =
        fs.link(Params.path(body.existing(), "existing"), Params.path(body.link(), "link"));
    json.send(res, 201, statOf(fs, linked));
  }

  /** {@code GET /v1/fs/readlink?path=}: a link's target; 400 when the path is not a link. */
  private void readlink(ServerRequest req, ServerResponse res) {
    DfsPath path = Params.path(req);
    json.send(res, 200, new LinkResponse(path.value(), fs(req).readlink(path)));
  }

  private void delete(ServerRequest req, ServerResponse res) {
    fs(req).delete(Params.path(req), Params.flag(req, "recursive"));
    res.status(204).send();
  }

  private void rename(ServerRequest req, ServerResponse res) {
    RenameRequest body = json.read(req, RenameRequest.class);
    DfsPath from = Params.path(body.oldPath(), "old_path");
    DfsPath to = Params.path(body.newPath(), "new_path");
    if (Boolean.TRUE.equals(body.exchange())) {
      if (body.overwrite() != null) {
        throw ApiException.badRequest(
            "overwrite and exchange exclude each other (an exchange loses nothing)");
      }
      fs(req).exchange(from, to);
    } else {
      fs(req).rename(from, to, Boolean.TRUE.equals(body.overwrite()));
    }
    res.status(204).send();
  }

  /**
   * Sets a file's length: a shrink drops the bytes past it, a grow adds zeros. Answers 204 with the
   * new version's ETag; BUSY (another client is writing the file) is 409 {@code busy}.
   */
  private void truncate(ServerRequest req, ServerResponse res) {
    TruncateRequest body = json.read(req, TruncateRequest.class);
    DfsPath path = Params.path(body.path(), "path");
    if (body.size() == null || body.size() < 0) {
      throw ApiException.badRequest(
          "size : " + body.size() + " (expected: the new length in bytes, >= 0)");
    }
    FileStatus truncated = fs(req).truncate(path, body.size());
    res.header(HeaderNames.ETAG, Validators.of(truncated).etag());
    res.status(204).send();
  }

  /**
   * {@code PATCH /v1/fs/attributes?path=} (or POST): changes the mode, owner, group, access or
   * modification time ({@link AttributesRequest}) and answers the new stat, 200. The master wants
   * write on the path (403 {@code permission_denied}) and refuses a path in a snapshot (403 {@code
   * read_only}); an empty object changes nothing and answers the stat.
   */
  private void setAttributes(ServerRequest req, ServerResponse res) {
    DfsPath path = Params.path(req);
    AttributeChange change = AttributesRequest.parse(json.read(req, JsonNode.class));
    FileSystemUseCase fs = fs(req);
    FileStatus changed = change.isEmpty() ? fs.stat(path) : fs.setAttributes(path, change);
    json.send(res, 200, statOf(fs, changed));
  }

  /**
   * The seed's {@code POST /v1/fs/restore}: puts a deleted path back from the master's trash (ADR
   * 0024), 204; 404 when the trash holds no deletion of it, 409 when the path is occupied, 403
   * without write there.
   */
  private void restore(ServerRequest req, ServerResponse res) {
    RestoreRequest body = json.read(req, RestoreRequest.class);
    DfsPath path = Params.path(body.path(), "path");
    Optional<TrashEntry.Id> entry;
    try {
      entry =
          body.entryId() == null || body.entryId().isEmpty()
              ? Optional.empty()
              : Optional.of(new TrashEntry.Id(body.entryId()));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("invalid entry_id: " + e.getMessage());
    }
    fs(req).trash().restore(path, entry);
    res.status(204).send();
  }

  /** The trash as the caller may see it, a page at a time ({@code limit}, {@code page_token}). */
  private void trash(ServerRequest req, ServerResponse res) {
    int limit = Params.integer(req, "limit", 1, TrashUseCase.MAX_LIMIT, TrashUseCase.DEFAULT_LIMIT);
    String token = req.query().first("page_token").orElse(null);
    TrashPage page =
        fs(req).trash().list(token == null || token.isEmpty() ? null : decodeToken(token), limit);
    json.send(
        res,
        200,
        new TrashResponse(
            page.entries().stream().map(TrashResponse.Entry::of).toList(),
            page.next().map(FsHttpService::encodeToken).orElse(null)));
  }

  /** The file system as the request's caller sees it. */
  private FileSystemUseCase fs(ServerRequest req) {
    return RequestInfo.session(req, services).fs();
  }

  /** The token is the last name of the page, base64url: opaque to clients, stable across calls. */
  static String encodeToken(String lastName) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(lastName.getBytes(StandardCharsets.UTF_8));
  }

  static String decodeToken(String token) {
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "page_token : " + token + " (expected: a next_page_token from a previous list)");
    }
  }
}
