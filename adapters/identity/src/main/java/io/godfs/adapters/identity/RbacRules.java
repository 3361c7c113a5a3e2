package io.godfs.adapters.identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.godfs.domain.access.Grant;
import io.godfs.domain.access.Permission;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The seed's {@code GODFS_RBAC_JSON}: {@code [{"principal": "alice", "path_prefix": "/data/alice",
 * "permissions": ["read", "write"]}]}. {@code principal} is a user, {@code group:NAME} or {@code
 * *}; {@code path_prefix} a directory, matched segment by segment ({@code /data/alice/**} means the
 * same). A mistake names the rule and the field.
 */
public final class RbacRules {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RbacRules() {}

  public static List<Grant> parse(String json) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "GODFS_RBAC_JSON is not JSON: " + e.getOriginalMessage(), e);
    }
    if (root == null || !root.isArray()) {
      throw new IllegalArgumentException(
          "GODFS_RBAC_JSON is not a JSON array of rules (expected: [{\"principal\": ...,"
              + " \"path_prefix\": ..., \"permissions\": [...]}])");
    }
    List<Grant> grants = new ArrayList<>();
    for (int i = 0; i < root.size(); i++) {
      try {
        grants.add(grant(root.get(i)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "GODFS_RBAC_JSON rule " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return grants;
  }

  private static Grant grant(JsonNode rule) {
    String principal = text(rule, "principal");
    String prefix = rule.has("path_prefix") ? text(rule, "path_prefix") : "/";
    JsonNode permissions = rule.get("permissions");
    if (permissions == null || !permissions.isArray()) {
      throw new IllegalArgumentException(
          "permissions is missing or not an array (expected: [\"read\", \"write\", ...])");
    }
    Set<Permission> granted = EnumSet.noneOf(Permission.class);
    for (JsonNode p : permissions) {
      if (!p.isTextual()) {
        throw new IllegalArgumentException("permissions holds " + p + " (expected: strings)");
      }
      granted.add(Permission.parse(p.asText()));
    }
    return new Grant(Grant.Subject.parse(principal), directory(prefix), granted);
  }

  private static DfsPath directory(String prefix) {
    String p = prefix.strip();
    if (p.endsWith("/**")) {
      p = p.substring(0, p.length() - 3);
    }
    if (p.isEmpty()) {
      return DfsPath.ROOT;
    }
    return switch (DfsPath.parse(p)) {
      case Outcome.Ok<DfsPath> ok -> ok.value();
      case Outcome.Rejected<DfsPath> bad ->
          throw new IllegalArgumentException("path_prefix: " + bad.error().message());
    };
  }

  private static String text(JsonNode rule, String field) {
    JsonNode value = rule.get(field);
    if (value == null || !value.isTextual() || value.asText().isBlank()) {
      throw new IllegalArgumentException(field + " is missing or not a string");
    }
    return value.asText();
  }
}
