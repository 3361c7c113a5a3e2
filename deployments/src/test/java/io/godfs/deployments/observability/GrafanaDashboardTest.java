package io.godfs.deployments.observability;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.application.port.in.ClusterFigures;
import io.godfs.application.port.out.RpcMeter;
import io.godfs.bootstrap.wiring.NodeListener;
import io.godfs.domain.node.AdminState;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Grafana dashboard of {@code deployments/observability/grafana} asks only for series goDFS
 * exports or the rules record: every metric name in its queries is found in a real scrape of a
 * node's {@code /metrics} (a master's families, with a call and a node recorded so that every
 * family has samples) or among the recording rules. A renamed metric breaks this test, not an
 * operator's dashboard.
 */
class GrafanaDashboardTest {
  private static final Path DIR =
      PrometheusRulesTest.repositoryRoot().resolve("deployments/observability");

  /** Names of series or recording rules: a known prefix, or a colon (rules). */
  private static final Pattern METRIC =
      Pattern.compile("\\b((?:godfs|grpc|jvm|process)_[a-z0-9_]+|[a-z0-9_]+:[a-z0-9_:]+)\\b");

  /** Grouping clauses and label matchers, which name labels rather than series. */
  private static final Pattern LABELS =
      Pattern.compile("\\b(?:by|without|on|ignoring)\\s*\\([^)]*\\)|\\{[^}]*\\}");

  @SuppressWarnings("unchecked")
  private static List<String> queries() throws IOException {
    Map<String, Object> dashboard =
        new Yaml().load(Files.readString(DIR.resolve("grafana/godfs-overview.json")));
    List<String> queries = new ArrayList<>();
    for (Map<String, Object> panel : (List<Map<String, Object>>) dashboard.get("panels")) {
      List<Map<String, Object>> targets =
          (List<Map<String, Object>>) panel.getOrDefault("targets", List.of());
      targets.forEach(t -> queries.add((String) t.get("expr")));
    }
    Map<String, Object> templating = (Map<String, Object>) dashboard.get("templating");
    for (Map<String, Object> variable : (List<Map<String, Object>>) templating.get("list")) {
      if ("query".equals(variable.get("type"))) {
        queries.add((String) variable.get("query"));
      }
    }
    return queries;
  }

  private static Set<String> recordingRules() throws IOException {
    Set<String> rules = new HashSet<>();
    Files.readString(DIR.resolve("prometheus-rules.yaml"))
        .lines()
        .map(String::strip)
        .filter(l -> l.startsWith("- record: "))
        .forEach(l -> rules.add(l.substring("- record: ".length())));
    return rules;
  }

  /** Every series name a master's /metrics shows, each family given a sample first. */
  private static Set<String> scrapedSeries() throws Exception {
    NodeMetrics metrics = NodeMetrics.of("goDFS test", "master", "m0");
    for (RpcMeter.Side side : RpcMeter.Side.values()) {
      RpcMeter.MethodMeter call =
          metrics.rpc().method(side, "godfs.api.v1.MasterService", "Stat", "unary");
      call.started();
      call.received();
      call.sent();
      call.ended("OK", 1_000_000);
    }
    metrics.http().started();
    metrics.http().ended("GET", "/v1/fs/stat", 200, 1_000_000, 10);
    metrics.watchCluster(
        () ->
            Optional.of(
                new ClusterFigures(
                    List.of(
                        new ClusterFigures.NodeFigures(
                            "chunk-1", true, AdminState.IN_SERVICE, 1000, 10)),
                    false,
                    new ClusterFigures.Census(Instant.now(), 1, 0, 0, 0, 0),
                    0,
                    0)));
    try (NodeListener listener =
            NodeListener.start(
                "127.0.0.1",
                0,
                Optional::empty,
                Optional.empty(),
                false,
                Optional.of(new NodeListener.Metrics(metrics.handler(), Optional.empty())));
        HttpClient http = HttpClient.newHttpClient()) {
      String text =
          http.send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + listener.port() + "/metrics"))
                      .timeout(Duration.ofSeconds(10))
                      .build(),
                  HttpResponse.BodyHandlers.ofString())
              .body();
      Set<String> series = new HashSet<>();
      text.lines()
          .filter(l -> !l.startsWith("#") && !l.isBlank())
          .forEach(l -> series.add(l.split("[{ ]", 2)[0]));
      return series;
    }
  }

  @Test
  void everyQueryNamesOnlySeriesGodfsExportsOrTheRulesRecord() throws Exception {
    List<String> queries = queries();
    assertThat(queries).hasSizeGreaterThanOrEqualTo(15);
    Set<String> known = scrapedSeries();
    known.addAll(recordingRules());
    for (String query : queries) {
      // Label names (grpc_method in "by (...)" or a matcher) are not series: drop them first.
      String series = LABELS.matcher(query).replaceAll(" ");
      Matcher m = METRIC.matcher(series);
      boolean named = false;
      while (m.find()) {
        named = true;
        assertThat(known).as("in the dashboard query %s", query).contains(m.group(1));
      }
      assertThat(named).as("%s names a goDFS series", query).isTrue();
    }
  }

  @Test
  void everyPanelUsesTheDatasourceVariable() throws IOException {
    String json = Files.readString(DIR.resolve("grafana/godfs-overview.json"));
    assertThat(json)
        .contains("\"uid\": \"godfs-overview\"")
        .doesNotContain("\"uid\": \"prometheus\"");
    assertThat(json.split("\"type\": \"prometheus\"", -1).length - 1)
        .as("each panel and the instance variable name the ${datasource} variable")
        .isGreaterThanOrEqualTo(16);
  }
}
