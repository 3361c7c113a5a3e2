package io.godfs.bootstrap.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The PromQL queries of a Grafana dashboard, with Grafana's variables filled in as it would. */
final class Dashboard {
  private Dashboard() {}

  /**
   * Every panel target's {@code expr}, with {@code $__rate_interval} as one minute and any other
   * variable ({@code $instance}, {@code $node}) as "all" ({@code .*}, as the dashboard's regex
   * matchers expect).
   */
  static List<String> queries(Path dashboard) throws IOException {
    List<String> out = new ArrayList<>();
    collect(new ObjectMapper().readTree(dashboard.toFile()), out);
    return out;
  }

  private static void collect(JsonNode node, List<String> out) {
    if (node.isObject()) {
      JsonNode expr = node.get("expr");
      if (expr != null && expr.isTextual() && !expr.asText().isBlank()) {
        out.add(
            expr.asText()
                .replace("$__rate_interval", "1m")
                .replaceAll("\\$\\{?[A-Za-z_]+}?", ".*"));
      }
      node.forEach(child -> collect(child, out));
    } else if (node.isArray()) {
      node.forEach(child -> collect(child, out));
    }
  }
}
