package io.godfs.deployments.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart through Helm itself (helm-java runs Helm's Go code in-process): it lints clean, and
 * `helm template` renders what our own renderer renders, for the defaults and for changed values.
 * So the renderer the other tests use cannot drift from what `helm install` would create.
 */
class RealHelmTest {
  private final ChartRenderer ours = new ChartRenderer(DeploymentFiles.chartDir());

  @Test
  void theChartLintsCleanInStrictMode() {
    LintResult lint = new Helm(DeploymentFiles.chartDir()).lint().strict().call();
    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
  }

  /** helm-java's lint takes no values: it lints a copy of the chart whose values turn all on. */
  @Test
  @SuppressWarnings("unchecked")
  void theChartLintsCleanWithEveryMetricsSwitchOn(@TempDir Path copy) throws IOException {
    Path source = DeploymentFiles.chartDir();
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path target = copy.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
    Map<String, Object> values = Yaml.loadMap(copy.resolve("values.yaml"));
    Map<String, Object> metrics = (Map<String, Object>) values.get("metrics");
    metrics.put("enabled", true);
    metrics.put("tokenSecret", "godfs-metrics-token");
    metrics.put("labels", Map.of("release", "kube-prometheus-stack"));
    for (String monitor : List.of("podMonitor", "serviceMonitor", "prometheusRule")) {
      ((Map<String, Object>) metrics.get(monitor)).put("enabled", true);
    }
    Files.writeString(copy.resolve("values.yaml"), Yaml.dump(values) + "\n");
    LintResult lint = new Helm(copy).lint().strict().call();
    assertThat(lint.isFailed()).as("helm lint --strict: %s", lint.getMessages()).isFalse();
  }

  @Test
  void helmTemplateWithDefaultsIsThePlainManifests() {
    List<Map<String, Object>> helm =
        Yaml.loadObjects(
            new Helm(DeploymentFiles.chartDir())
                .template()
                .withName("godfs")
                .withNamespace("default")
                .call(),
            "helm template");
    assertThat(KubernetesManifestsTest.byName(helm))
        .isEqualTo(KubernetesManifestsTest.byName(DeploymentFiles.plainObjects()));
  }

  @Test
  void helmAndOurRendererAgreeWithSecurityOff() {
    var template =
        new Helm(DeploymentFiles.chartDir()).template().withName("lab").withNamespace("default");
    template.set("security.enabled", false);
    List<Map<String, Object>> helm = Yaml.loadObjects(template.call(), "helm template");
    assertThat(KubernetesManifestsTest.byName(helm))
        .isEqualTo(
            KubernetesManifestsTest.byName(
                ours.render("lab", "default", Map.of("security.enabled", false))));
  }

  @Test
  void helmAndOurRendererAgreeOnChangedValues() {
    Map<String, Object> values =
        Map.of(
            "master.replicas",
            5,
            "chunkserver.replicas",
            7,
            "gateway.replicas",
            1,
            "clusterDomain",
            "k8s.example.org");
    var template =
        new Helm(DeploymentFiles.chartDir()).template().withName("prod").withNamespace("ns-prod");
    values.forEach(template::set);
    List<Map<String, Object>> helm = Yaml.loadObjects(template.call(), "helm template");
    assertThat(KubernetesManifestsTest.byName(helm))
        .isEqualTo(KubernetesManifestsTest.byName(ours.render("prod", "ns-prod", values)));
  }

  @Test
  void helmAndOurRendererAgreeWithMetricsOn() {
    Map<String, Object> values = new HashMap<>(HelmMetricsTest.ALL_ON);
    values.put("metrics.tokenSecret", "godfs-metrics-token");
    var template =
        new Helm(DeploymentFiles.chartDir()).template().withName("prod").withNamespace("ns-prod");
    values.forEach(template::set);
    template.set("metrics.labels.release", "kube-prometheus-stack");
    values.put("metrics.labels", Map.of("release", "kube-prometheus-stack"));
    List<Map<String, Object>> helm = Yaml.loadObjects(template.call(), "helm template");
    assertThat(KubernetesManifestsTest.byName(helm))
        .isEqualTo(KubernetesManifestsTest.byName(ours.render("prod", "ns-prod", values)));
  }

  @Test
  void helmAndOurRendererAgreeWithMetricsOnAndSecurityOff() {
    Map<String, Object> values = new HashMap<>(HelmMetricsTest.ALL_ON);
    values.put("security.enabled", false);
    var template =
        new Helm(DeploymentFiles.chartDir()).template().withName("lab").withNamespace("default");
    values.forEach(template::set);
    List<Map<String, Object>> helm = Yaml.loadObjects(template.call(), "helm template");
    assertThat(KubernetesManifestsTest.byName(helm))
        .isEqualTo(KubernetesManifestsTest.byName(ours.render("lab", "default", values)));
  }
}
