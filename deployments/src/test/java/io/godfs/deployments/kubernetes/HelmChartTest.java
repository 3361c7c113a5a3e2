package io.godfs.deployments.kubernetes;

import static io.godfs.deployments.kubernetes.KubeObjects.at;
import static io.godfs.deployments.kubernetes.KubeObjects.containers;
import static io.godfs.deployments.kubernetes.KubeObjects.env;
import static io.godfs.deployments.kubernetes.KubeObjects.kind;
import static io.godfs.deployments.kubernetes.KubeObjects.maps;
import static io.godfs.deployments.kubernetes.KubeObjects.name;
import static io.godfs.deployments.kubernetes.KubeObjects.ofKind;
import static io.godfs.deployments.kubernetes.KubeObjects.string;
import static io.godfs.deployments.kubernetes.KubeObjects.workloads;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** deployments/helm/godfs renders the plain manifests by default, and follows its values. */
class HelmChartTest {
  private final ChartRenderer chart = new ChartRenderer(DeploymentFiles.chartDir());

  @Test
  void defaultValuesRenderExactlyThePlainManifests() {
    List<Map<String, Object>> rendered = chart.render("godfs", "default", Map.of());
    assertThat(rendered).hasSameSizeAs(DeploymentFiles.plainObjects());
    assertThat(KubernetesManifestsTest.byName(rendered))
        .isEqualTo(KubernetesManifestsTest.byName(DeploymentFiles.plainObjects()));
  }

  /**
   * One template per manifest file, and monitoring.yaml, whose Prometheus Operator objects the
   * plain manifests do not have: it renders nothing by default (the test above), see
   * HelmMetricsTest.
   */
  @Test
  void chartHasATemplatePerManifestFileAndOneForMonitoring() {
    List<String> expected =
        new ArrayList<>(
            DeploymentFiles.manifestFiles().stream().map(f -> f.getFileName().toString()).toList());
    expected.add("monitoring.yaml");
    assertThat(chart.templates().stream().map(t -> t.getFileName().toString()))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  static Stream<Arguments> valueSets() {
    return Stream.of(
        Arguments.of("godfs", Map.of(), "cluster.local"),
        Arguments.of(
            "prod",
            Map.of("master.replicas", 5, "chunkserver.replicas", 7, "gateway.replicas", 1),
            "cluster.local"),
        Arguments.of(
            "fs",
            Map.of(
                "clusterDomain",
                "k8s.example.org",
                "gateway.apiKeysSecret",
                "",
                "master.bootstrap",
                0),
            "k8s.example.org"),
        Arguments.of(
            "big", Map.of("master.replicas", 7, "master.maxUnavailable", 3), "cluster.local"));
  }

  @ParameterizedTest(name = "release {0} with {1}")
  @MethodSource("valueSets")
  void everyRuleHoldsForTheseValues(
      String release, Map<String, Object> values, String clusterDomain) {
    List<Map<String, Object>> rendered = chart.render(release, "ns-" + release, values);
    new ManifestRules(rendered, DeploymentFiles.documentedVariables(), clusterDomain).checkAll();
  }

  @Test
  void fiveMastersAreFivePeersAndFiveAddressesEverywhere() {
    List<Map<String, Object>> rendered =
        chart.render("godfs", "default", Map.of("master.replicas", 5));
    Map<String, Object> masters = byKindAndName(rendered, "StatefulSet", "godfs-master");
    assertThat(at(masters, "spec", "replicas")).isEqualTo(5);
    List<String> peers = List.of(env(containers(masters).get(0), "GODFS_MASTER_PEERS").split(","));
    assertThat(peers).hasSize(5);
    assertThat(peers.get(4))
        .startsWith("godfs-master-4@godfs-master-4.godfs-master.$(POD_NAMESPACE).svc.");
    for (String client : List.of("godfs-chunkserver", "godfs-gateway")) {
      Map<String, Object> w =
          workloads(rendered).filter(o -> name(o).equals(client)).findFirst().orElseThrow();
      assertThat(env(containers(w).get(0), "GODFS_MASTER").split(",")).as(client).hasSize(5);
    }
  }

  @Test
  void releaseNameNamesEveryObjectAndAddress() {
    List<Map<String, Object>> rendered = chart.render("prod", "default", Map.of());
    assertThat(rendered).allSatisfy(o -> assertThat(name(o)).startsWith("prod-"));
    assertThat(rendered)
        .allSatisfy(
            o ->
                assertThat(string(o, "metadata", "labels", "app.kubernetes.io/instance"))
                    .isEqualTo("prod"));
    Map<String, Object> chunkservers = byKindAndName(rendered, "StatefulSet", "prod-chunkserver");
    assertThat(env(containers(chunkservers).get(0), "GODFS_MASTER"))
        .startsWith("prod-master-0.prod-master.$(POD_NAMESPACE).svc.cluster.local:9090,")
        .doesNotContain("godfs-");
  }

  @Test
  void storageResourcesAndImageFollowTheValues() {
    List<Map<String, Object>> rendered =
        chart.render(
            "godfs",
            "default",
            Map.of(
                "chunkserver.storage.size",
                "2Ti",
                "chunkserver.storage.className",
                "fast-ssd",
                "master.resources.limits.memory",
                "4Gi",
                "image.tag",
                "0.2.0"));
    Map<String, Object> claim =
        maps(
                byKindAndName(rendered, "StatefulSet", "godfs-chunkserver"),
                "spec",
                "volumeClaimTemplates")
            .get(0);
    assertThat(string(claim, "spec", "storageClassName")).isEqualTo("fast-ssd");
    assertThat(string(claim, "spec", "resources", "requests", "storage")).isEqualTo("2Ti");
    Map<String, Object> masters = byKindAndName(rendered, "StatefulSet", "godfs-master");
    assertThat(maps(masters, "spec", "volumeClaimTemplates").get(0))
        .extracting(c -> at(c, "spec", "storageClassName"))
        .isNull();
    assertThat(string(containers(masters).get(0), "resources", "limits", "memory"))
        .isEqualTo("4Gi");
    assertThat(
            workloads(rendered).flatMap(w -> containers(w).stream()).map(c -> string(c, "image")))
        .containsOnly("godfs:0.2.0");
  }

  @Test
  void securityOffRendersTheOpenManifestsWhichOnlyTheSecurityRulesRefuse() {
    List<Map<String, Object>> open =
        chart.render("godfs", "default", Map.of("security.enabled", false));
    ManifestRules rules =
        new ManifestRules(open, DeploymentFiles.documentedVariables(), "cluster.local");
    rules.checkAllButSecurity();
    assertThatThrownBy(rules::checkAll)
        .hasMessageContaining("StatefulSet/godfs-chunkserver sets GODFS_TLS_ENABLED");
    assertThat(workloads(open).flatMap(w -> containers(w).stream()))
        .allSatisfy(
            c -> {
              assertThat(maps(c, "env").stream().map(e -> string(e, "name")))
                  .noneMatch(n -> n.startsWith("GODFS_TLS_") || n.startsWith("GODFS_AUDIT_"))
                  .doesNotContain("GODFS_API_KEYS_FILE", "GODFS_CLIENT_API_KEY");
              assertThat(maps(c, "volumeMounts").stream().map(m -> string(m, "name")))
                  .doesNotContain("tls");
              assertThat(at(c, "readinessProbe", "httpGet", "scheme")).isNull();
            });
    assertThat(
            workloads(open).flatMap(w -> maps(w, "spec", "template", "spec", "volumes").stream()))
        .noneMatch(v -> v.containsKey("secret"));
    assertThat(string(gatewayContainer(open), "readinessProbe", "httpGet", "port"))
        .isEqualTo("http");
    assertThat(string(byKindAndName(open, "Service", "godfs-gateway"), "spec", "ports"))
        .contains("targetPort=http");
  }

  @Test
  void eachRoleMountsTheSecretOfItsReleaseReadableByItsGroupOnly() {
    List<Map<String, Object>> rendered = chart.render("prod", "default", Map.of());
    Map<String, String> secrets =
        Map.of(
            "StatefulSet/prod-master", "prod-master-tls",
            "StatefulSet/prod-chunkserver", "prod-chunkserver-tls",
            "Deployment/prod-gateway", "prod-gateway-tls");
    assertThat(workloads(rendered))
        .allSatisfy(
            w -> {
              Map<String, Object> tls =
                  maps(w, "spec", "template", "spec", "volumes").stream()
                      .filter(v -> "tls".equals(v.get("name")))
                      .findFirst()
                      .orElseThrow();
              assertThat(string(tls, "secret", "secretName"))
                  .isEqualTo(secrets.get(KubeObjects.describe(w)));
              assertThat(at(tls, "secret", "defaultMode")).as("0440").isEqualTo(0440);
              assertThat(at(w, "spec", "template", "spec", "securityContext", "fsGroup"))
                  .isEqualTo(10001);
            });
    Map<String, Object> chunkserver =
        containers(byKindAndName(rendered, "StatefulSet", "prod-chunkserver")).get(0);
    assertThat(maps(chunkserver, "volumeMounts").stream().filter(m -> "tls".equals(m.get("name"))))
        .as("a chunkserver sees its own certificate and key, no other's")
        .extracting(
            m -> m.get("mountPath") + " <- " + m.getOrDefault("subPathExpr", m.get("subPath")))
        .containsExactlyInAnyOrder(
            "/etc/godfs/tls/node.crt <- $(POD_NAME).crt",
            "/etc/godfs/tls/node.key <- $(POD_NAME).key",
            "/etc/godfs/tls/ca.crt <- ca.crt");
    Map<String, Object> master =
        containers(byKindAndName(rendered, "StatefulSet", "prod-master")).get(0);
    assertThat(env(master, "GODFS_TLS_CERT_FILE")).isEqualTo("/etc/godfs/tls/$(POD_NAME).crt");
    assertThat(env(master, "GODFS_TLS_KEY_FILE")).isEqualTo("/etc/godfs/tls/$(POD_NAME).key");
  }

  @Test
  void apiKeySecretIsLeftOutWhenEmpty() {
    Map<String, Object> secured = gatewayContainer(chart.render("godfs", "default", Map.of()));
    assertThat(maps(secured, "env"))
        .as("secured, callers' keys are the masters' to check")
        .noneMatch(e -> "GODFS_GATEWAY_API_KEYS".equals(e.get("name")));
    Map<String, Object> with =
        gatewayContainer(chart.render("godfs", "default", Map.of("security.enabled", false)));
    assertThat(
            string(
                maps(with, "env").stream()
                    .filter(e -> "GODFS_GATEWAY_API_KEYS".equals(e.get("name")))
                    .findFirst()
                    .orElseThrow(),
                "valueFrom",
                "secretKeyRef",
                "name"))
        .isEqualTo("godfs-gateway-api-keys");
    Map<String, Object> without =
        gatewayContainer(
            chart.render(
                "godfs",
                "default",
                Map.of("gateway.apiKeysSecret", "", "security.enabled", false)));
    assertThat(maps(without, "env")).noneMatch(e -> "GODFS_GATEWAY_API_KEYS".equals(e.get("name")));
  }

  @Test
  void bootstrapCanBeTurnedOffOnceTheGroupHasFormed() {
    Map<String, Object> masters =
        byKindAndName(
            chart.render("godfs", "default", Map.of("master.bootstrap", 0)),
            "StatefulSet",
            "godfs-master");
    assertThat(env(containers(masters).get(0), "GODFS_MASTER_BOOTSTRAP")).isEqualTo("0");
  }

  @Test
  void anOverrideOfAValueTheChartDoesNotHaveIsRefused() {
    assertThatThrownBy(() -> chart.render("godfs", "default", Map.of("master.replicaz", 5)))
        .hasMessageContaining("master.replicaz");
  }

  private static Map<String, Object> gatewayContainer(List<Map<String, Object>> rendered) {
    return containers(byKindAndName(rendered, "Deployment", "godfs-gateway")).get(0);
  }

  private static Map<String, Object> byKindAndName(
      List<Map<String, Object>> objects, String kind, String name) {
    return ofKind(objects, kind)
        .filter(o -> name.equals(name(o)))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + "/" + name));
  }
}
