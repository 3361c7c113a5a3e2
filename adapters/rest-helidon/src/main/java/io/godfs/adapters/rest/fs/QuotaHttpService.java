package io.godfs.adapters.rest.fs;

import io.godfs.adapters.rest.http.Json;
import io.godfs.adapters.rest.http.Params;
import io.godfs.adapters.rest.http.RequestInfo;
import io.godfs.application.port.in.FrontEndServices;
import io.godfs.application.port.in.QuotaClient;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.QuotaUsage;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.OptionalLong;

/**
 * Directory quotas (ADR 0026) at {@code /v1/fs/quota?path=}: {@code GET} shows a directory's quotas
 * and usage (read on it), {@code PUT} sets both quotas from {@code {"names", "space"}} (a null or
 * absent one: none) and {@code DELETE} removes them ({@code names=true} or {@code space=true}: only
 * that one), both as an administrator. A write past a quota anywhere in the API is a 507 {@code
 * quota_exceeded} naming the directory and its quota.
 */
public final class QuotaHttpService implements HttpService {
  private final FrontEndServices services;
  private final Json json;

  public QuotaHttpService(FrontEndServices services, Json json) {
    this.services = services;
    this.json = json;
  }

  @Override
  public void routing(HttpRules rules) {
    rules.get("/fs/quota", this::get).put("/fs/quota", this::set).delete("/fs/quota", this::clear);
  }

  private void get(ServerRequest req, ServerResponse res) {
    json.send(res, 200, QuotaResponse.of(quotas(req).get(Params.path(req))));
  }

  /** 200 with the quotas and usage after the change. */
  private void set(ServerRequest req, ServerResponse res) {
    DfsPath dir = Params.path(req);
    QuotaRequest body = json.read(req, QuotaRequest.class);
    QuotaUsage set = quotas(req).set(dir, orNone(body.names()), orNone(body.space()));
    json.send(res, 200, QuotaResponse.of(set));
  }

  /** 204; neither flag (or both): both quotas go. */
  private void clear(ServerRequest req, ServerResponse res) {
    DfsPath dir = Params.path(req);
    boolean names = Params.flag(req, "names");
    boolean space = Params.flag(req, "space");
    quotas(req).clear(dir, names || !space, space || !names);
    res.status(204).send();
  }

  private static OptionalLong orNone(Long quota) {
    return OptionalLong.of(quota == null ? QuotaUsage.NONE : quota);
  }

  private QuotaClient quotas(ServerRequest req) {
    return RequestInfo.session(req, services).fs().quotas();
  }

  /** {@code {"names": N|null, "space": N|null}}: null or absent, no such quota. */
  public record QuotaRequest(Long names, Long space) {}

  /**
   * A directory's quotas (null: none) and usage: {@code names} counts the directory and everything
   * below it, {@code space} the bytes stored times replication.
   */
  public record QuotaResponse(
      String path,
      Long nameQuota,
      long names,
      Long nameRemaining,
      Long spaceQuota,
      long space,
      Long spaceRemaining) {
    static QuotaResponse of(QuotaUsage u) {
      return new QuotaResponse(
          u.path().value(),
          u.hasNameQuota() ? u.nameQuota() : null,
          u.names(),
          u.hasNameQuota() ? u.nameQuota() - u.names() : null,
          u.hasSpaceQuota() ? u.spaceQuota() : null,
          u.space(),
          u.hasSpaceQuota() ? u.spaceQuota() - u.space() : null);
    }
  }
}
