package io.godfs.deployments.kubernetes;

import static io.godfs.deployments.kubernetes.KubeObjects.at;
import static io.godfs.deployments.kubernetes.KubeObjects.containerPort;
import static io.godfs.deployments.kubernetes.KubeObjects.containers;
import static io.godfs.deployments.kubernetes.KubeObjects.env;
import static io.godfs.deployments.kubernetes.KubeObjects.listenPort;
import static io.godfs.deployments.kubernetes.KubeObjects.map;
import static io.godfs.deployments.kubernetes.KubeObjects.maps;
import static io.godfs.deployments.kubernetes.KubeObjects.name;
import static io.godfs.deployments.kubernetes.KubeObjects.ofKind;
import static io.godfs.deployments.kubernetes.KubeObjects.podLabels;
import static io.godfs.deployments.kubernetes.KubeObjects.selects;
import static io.godfs.deployments.kubernetes.KubeObjects.string;
import static io.godfs.deployments.kubernetes.KubeObjects.workloads;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chart's metrics values (docs/adr/0023): the gateways' node listener, the scrape token, and
 * the Prometheus Operator's PodMonitor, ServiceMonitor and PrometheusRule. Rendered with our
 * renderer (no CRDs are needed to render); RealHelmTest checks that helm renders the same.
 */
class HelmMetricsTest {
  static final Map<String, Object> ALL_ON =
      Map.of(
          "metrics.enabled", true,
          "metrics.podMonitor.enabled", true,
          "metrics.serviceMonitor.enabled", true,
          "metrics.prometheusRule.enabled", true);
  private static final Path RULES =
      DeploymentFiles.repositoryRoot().resolve("deployments/observability/prometheus-rules.yaml");
  private static final Path RULES_COPY =
      DeploymentFiles.chartDir().resolve("files/prometheus-rules.yaml");

  private final ChartRenderer chart = new ChartRenderer(DeploymentFiles.chartDir());

  @Test
  void nothingOfMetricsRendersByDefaultNorWithoutTheMainSwitch() {
    Map<String, Object> switchesOnly = new HashMap<>(ALL_ON);
    switchesOnly.put("metrics.enabled", false);
    switchesOnly.put("metrics.tokenSecret", "godfs-metrics-token");
    for (Map<String, Object> values : List.of(Map.<String, Object>of(), switchesOnly)) {
      List<Map<String, Object>> rendered = chart.render("godfs", "default", values);
      assertThat(rendered)
          .as("with %s", values)
          .noneMatch(o -> string(o, "apiVersion").startsWith("monitoring.coreos.com/"));
      assertThat(KubernetesManifestsTest.byName(rendered))
          .isEqualTo(KubernetesManifestsTest.byName(DeploymentFiles.plainObjects()));
    }
  }

  @Test
  void podMonitorScrapesMastersAndChunkserversPodByPodWithTheClientCertificate() {
    List<Map<String, Object>> rendered = chart.render("prod", "ns", ALL_ON);
    Map<String, Object> monitor = single(rendered, "PodMonitor");
    assertThat(name(monitor)).isEqualTo("prod-nodes");
    Map<String, Object> selector = map(monitor, "spec", "selector");
    assertThat(workloads(rendered).filter(w -> selectedBy(selector, podLabels(w))))
        .extracting(KubeObjects::describe)
        .containsExactlyInAnyOrder("StatefulSet/prod-master", "StatefulSet/prod-chunkserver");
    Map<String, Object> endpoint = maps(monitor, "spec", "podMetricsEndpoints").get(0);
    assertThat(maps(monitor, "spec", "podMetricsEndpoints")).hasSize(1);
    assertServesMetricsOverHttps(endpoint);
    assertClientCertificate(endpoint, "prod-prometheus-tls", "ca.crt", "node.crt", "node.key");
    ofKind(rendered, "StatefulSet")
        .forEach(
            sts -> {
              Map<String, Object> c = containers(sts).get(0);
              assertThat(containerPort(c, endpoint.get("port")))
                  .as("%s: the port the monitor names is its node listener", name(sts))
                  .isEqualTo(listenPort(env(c, "GODFS_HEALTH_LISTEN")));
            });
    assertThat(jobRelabeling(endpoint))
        .as("job godfs-master / godfs-chunkserver, which the rules and example config name")
        .containsEntry(
            "sourceLabels", List.of("__meta_kubernetes_pod_label_app_kubernetes_io_component"))
        .containsEntry("replacement", "godfs-$1");
  }

  @Test
  void serviceMonitorScrapesTheGatewaysThroughTheirServicesHealthPort() {
    List<Map<String, Object>> rendered = chart.render("prod", "ns", ALL_ON);
    Map<String, Object> monitor = single(rendered, "ServiceMonitor");
    assertThat(name(monitor)).isEqualTo("prod-gateway");
    Map<String, Object> selector = map(monitor, "spec", "selector");
    List<Map<String, Object>> services =
        ofKind(rendered, "Service")
            .filter(s -> selectedBy(selector, map(s, "metadata", "labels")))
            .toList();
    assertThat(services).extracting(KubeObjects::name).containsExactly("prod-gateway");
    Map<String, Object> endpoint = maps(monitor, "spec", "endpoints").get(0);
    assertServesMetricsOverHttps(endpoint);
    assertClientCertificate(endpoint, "prod-prometheus-tls", "ca.crt", "node.crt", "node.key");
    Map<String, Object> port =
        maps(services.get(0), "spec", "ports").stream()
            .filter(p -> endpoint.get("port").equals(p.get("name")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the gateway Service lists no port health"));
    Map<String, Object> gateway =
        containers(ofKind(rendered, "Deployment").findFirst().orElseThrow()).get(0);
    assertThat(containerPort(gateway, port.get("targetPort")))
        .as("the gateway's node listener, with metrics enabled")
        .isEqualTo(listenPort(env(gateway, "GODFS_HEALTH_LISTEN")));
    assertThat(string(gateway, "readinessProbe", "httpGet", "path"))
        .as("the gateway's probes stay on its API port")
        .isEqualTo("/v1/health");
    assertThat(jobRelabeling(endpoint)).containsEntry("replacement", "godfs-gateway");
  }

  @Test
  void theTokenSecretIsMountedInEveryPodAndPresentedByTheMonitors() {
    Map<String, Object> values = new HashMap<>(ALL_ON);
    values.put("metrics.tokenSecret", "godfs-metrics-token");
    List<Map<String, Object>> rendered = chart.render("godfs", "default", values);
    assertThat(workloads(rendered))
        .hasSize(3)
        .allSatisfy(
            w -> {
              Map<String, Object> volume =
                  maps(w, "spec", "template", "spec", "volumes").stream()
                      .filter(v -> "metrics-token".equals(v.get("name")))
                      .findFirst()
                      .orElseThrow(() -> new AssertionError(name(w) + ": no metrics-token"));
              assertThat(string(volume, "secret", "secretName")).isEqualTo("godfs-metrics-token");
              assertThat(maps(volume, "secret", "items"))
                  .containsExactly(Map.of("key", "token", "path", "token"));
              assertThat(at(volume, "secret", "defaultMode")).as("0440").isEqualTo(0440);
              Map<String, Object> c = containers(w).get(0);
              assertThat(maps(c, "volumeMounts"))
                  .as("%s: the directory, read-only (a rotated token reaches the pod)", name(w))
                  .contains(
                      Map.of(
                          "name", "metrics-token",
                          "mountPath", "/etc/godfs/metrics",
                          "readOnly", true));
              assertThat(env(c, "GODFS_METRICS_TOKEN_FILE")).isEqualTo("/etc/godfs/metrics/token");
            });
    for (Map<String, Object> endpoint : endpoints(rendered)) {
      assertServesMetricsOverHttps(endpoint);
      assertThat(map(endpoint, "authorization"))
          .isEqualTo(
              Map.of(
                  "type",
                  "Bearer",
                  "credentials",
                  Map.of("name", "godfs-metrics-token", "key", "token")));
      assertThat(map(endpoint, "tlsConfig"))
          .as("the CA to check the node, and no client certificate")
          .containsOnlyKeys("serverName", "ca");
    }
    new ManifestRules(rendered, DeploymentFiles.documentedVariables(), "cluster.local").checkAll();
  }

  @Test
  void theScrapeSecretItsKeysTheServerNameAndTheLabelsFollowTheValues() {
    Map<String, Object> values = new HashMap<>(ALL_ON);
    values.put("metrics.scrapeTls.secret", "prom-client");
    values.put("metrics.scrapeTls.caKey", "ca.pem");
    values.put("metrics.scrapeTls.certKey", "tls.crt");
    values.put("metrics.scrapeTls.keyKey", "tls.key");
    values.put("metrics.tlsServerName", "godfs-node");
    values.put("metrics.labels", Map.of("release", "kube-prometheus-stack"));
    List<Map<String, Object>> rendered = chart.render("godfs", "default", values);
    for (Map<String, Object> endpoint : endpoints(rendered)) {
      assertClientCertificate(endpoint, "prom-client", "ca.pem", "tls.crt", "tls.key");
      assertThat(string(endpoint, "tlsConfig", "serverName")).isEqualTo("godfs-node");
    }
    assertThat(rendered.stream().filter(o -> string(o, "apiVersion").startsWith("monitoring.")))
        .hasSize(3)
        .allSatisfy(
            o ->
                assertThat(map(o, "metadata", "labels"))
                    .containsEntry("release", "kube-prometheus-stack")
                    .containsEntry("app.kubernetes.io/instance", "godfs"));
  }

  @Test
  void securityOffScrapesPlainHttpAndIgnoresTheToken() {
    Map<String, Object> values = new HashMap<>(ALL_ON);
    values.put("security.enabled", false);
    values.put("metrics.tokenSecret", "godfs-metrics-token");
    List<Map<String, Object>> rendered = chart.render("godfs", "default", values);
    for (Map<String, Object> endpoint : endpoints(rendered)) {
      assertThat(endpoint).containsEntry("scheme", "http").containsEntry("path", "/metrics");
      assertThat(endpoint).doesNotContainKeys("tlsConfig", "authorization");
    }
    assertThat(workloads(rendered).flatMap(w -> containers(w).stream()))
        .as("the nodes refuse a token without TLS: it would cross the network in clear")
        .allSatisfy(c -> assertThat(env(c, "GODFS_METRICS_TOKEN_FILE")).isNull());
    new ManifestRules(rendered, DeploymentFiles.documentedVariables(), "cluster.local")
        .checkAllButSecurity();
  }

  @Test
  void everyRuleHoldsWithMetricsOn() {
    new ManifestRules(
            chart.render("prod", "ns-prod", ALL_ON),
            DeploymentFiles.documentedVariables(),
            "cluster.local")
        .checkAll();
  }

  @Test
  void theChartsRulesFileIsAByteIdenticalCopy() throws Exception {
    assertThat(Files.mismatch(RULES, RULES_COPY))
        .as("cp %s %s (Helm's .Files.Get reads only inside the chart)", RULES, RULES_COPY)
        .isEqualTo(-1L);
  }

  @Test
  void thePrometheusRuleHoldsEveryGroupOfTheRulesFile() {
    Map<String, Object> rule = single(chart.render("prod", "ns", ALL_ON), "PrometheusRule");
    assertThat(name(rule)).isEqualTo("prod");
    List<Map<String, Object>> groups = maps(Yaml.loadMap(RULES), "groups");
    assertThat(maps(rule, "spec", "groups")).isEqualTo(groups);
    List<Object> alerts =
        groups.stream()
            .flatMap(g -> maps(g, "rules").stream())
            .map(r -> r.get("alert"))
            .filter(a -> a != null)
            .toList();
    assertThat(alerts).contains("GodfsNoLeader", "GodfsMasterDown", "GodfsMissingChunks");
    String masterDown =
        groups.stream()
            .flatMap(g -> maps(g, "rules").stream())
            .filter(r -> "GodfsMasterDown".equals(r.get("alert")))
            .map(r -> string(r, "expr"))
            .findFirst()
            .orElseThrow();
    Matcher job = Pattern.compile("job=~\"([^\"]+)\"").matcher(masterDown);
    assertThat(job.find()).as("GodfsMasterDown selects a job: %s", masterDown).isTrue();
    assertThat("godfs-master")
        .as("GodfsMasterDown selects the job the PodMonitor gives the masters")
        .matches(job.group(1));
    assertThat("godfs-chunkserver").doesNotMatch(job.group(1));
  }

  private static void assertServesMetricsOverHttps(Map<String, Object> endpoint) {
    assertThat(endpoint)
        .containsEntry("port", "health")
        .containsEntry("path", "/metrics")
        .containsEntry("scheme", "https");
    assertThat(string(endpoint, "tlsConfig", "serverName"))
        .as("one name every node certificate carries")
        .isNotBlank();
    assertThat(map(endpoint, "tlsConfig")).doesNotContainKey("insecureSkipVerify");
  }

  private static void assertClientCertificate(
      Map<String, Object> endpoint, String secret, String ca, String cert, String key) {
    assertThat(map(endpoint, "tlsConfig"))
        .containsEntry("ca", Map.of("secret", Map.of("name", secret, "key", ca)))
        .containsEntry("cert", Map.of("secret", Map.of("name", secret, "key", cert)))
        .containsEntry("keySecret", Map.of("name", secret, "key", key));
    assertThat(endpoint).doesNotContainKey("authorization");
  }

  private static Map<String, Object> jobRelabeling(Map<String, Object> endpoint) {
    return maps(endpoint, "relabelings").stream()
        .filter(r -> "job".equals(r.get("targetLabel")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no relabeling of job: " + endpoint));
  }

  private static List<Map<String, Object>> endpoints(List<Map<String, Object>> rendered) {
    return List.of(
        maps(single(rendered, "PodMonitor"), "spec", "podMetricsEndpoints").get(0),
        maps(single(rendered, "ServiceMonitor"), "spec", "endpoints").get(0));
  }

  /** A label selector with matchLabels and "In" matchExpressions, as the monitors use. */
  private static boolean selectedBy(Map<String, Object> selector, Map<String, Object> labels) {
    if (!selects(map(selector, "matchLabels"), labels)) {
      return false;
    }
    return maps(selector, "matchExpressions").stream()
        .allMatch(
            e -> {
              assertThat(e.get("operator")).isEqualTo("In");
              return ((List<?>) e.get("values")).contains(labels.get(string(e, "key")));
            });
  }

  private static Map<String, Object> single(List<Map<String, Object>> objects, String kind) {
    List<Map<String, Object>> found = ofKind(objects, kind).toList();
    assertThat(found).as("one %s", kind).hasSize(1);
    return found.get(0);
  }
}
