package io.godfs.deployments.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
