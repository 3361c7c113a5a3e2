package io.godfs.deployments.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;

/**
 * The plain manifests in deployments/kubernetes: they parse, and every {@link ManifestRules} rule
 * holds.
 */
class KubernetesManifestsTest {
  private final List<Map<String, Object>> objects = DeploymentFiles.plainObjects();
  private final ManifestRules rules =
      new ManifestRules(objects, DeploymentFiles.documentedVariables(), "cluster.local");

  @Test
  void readmeTableIsReadSoTheEnvCheckIsNotVacuous() {
    assertThat(DeploymentFiles.documentedVariables())
        .contains(
            "GODFS_MASTER",
            "GODFS_MASTER_PEERS",
            "GODFS_MASTER_GRPC_LISTEN",
            "GODFS_CHUNK_DATA",
            "GODFS_ADVERTISE_ADDR",
            "GODFS_JAVA_OPTS");
  }

  @Test
  void kustomizationListsEveryManifestFile() {
    Map<String, Object> kustomization =
        Yaml.loadMap(DeploymentFiles.manifestsDir().resolve("kustomization.yaml"));
    List<String> files =
        DeploymentFiles.manifestFiles().stream().map(f -> f.getFileName().toString()).toList();
    assertThat(kustomization.get("resources"))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .containsExactlyInAnyOrderElementsOf(files);
    assertThat(kustomization).doesNotContainKey("namespace");
  }

  @Test
  void everyFileParsesAndTheObjectsAreUnique() {
    DeploymentFiles.manifestFiles()
        .forEach(f -> assertThat(Yaml.loadFile(f)).as("%s", f).isNotEmpty());
    assertThat(objects.stream().map(KubeObjects::describe)).doesNotHaveDuplicates();
    assertThat(objects.stream().map(KubeObjects::describe))
        .contains(
            "StatefulSet/godfs-master",
            "Service/godfs-master",
            "Service/godfs-master-client",
            "PodDisruptionBudget/godfs-master",
            "StatefulSet/godfs-chunkserver",
            "Service/godfs-chunkserver",
            "PodDisruptionBudget/godfs-chunkserver",
            "Deployment/godfs-gateway",
            "Service/godfs-gateway");
  }

  @Test
  void threeMastersThreeChunkserversTwoGateways() {
    Map<String, Integer> replicas =
        KubeObjects.workloads(objects)
            .collect(
                Collectors.toMap(
                    KubeObjects::describe, w -> (Integer) KubeObjects.at(w, "spec", "replicas")));
    assertThat(replicas)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "StatefulSet/godfs-master",
                3,
                "StatefulSet/godfs-chunkserver",
                3,
                "Deployment/godfs-gateway",
                2));
  }

  @Test
  void objectsAreLabelledAndNamespaceFree() {
    rules.objectsAreLabelledAndNamespaceFree();
  }

  @Test
  void containersRunARoleWithoutAShell() {
    rules.containersRunARoleWithoutAShell();
  }

  @Test
  void probesAreHttpGetOnTheHealthListeners() {
    rules.probesAreHttpGetOnTheHealthListeners();
  }

  @Test
  void envVarsAreDocumented() {
    rules.envVarsAreDocumented();
  }

  @Test
  void envReferencesAreDefinedAbove() {
    rules.envReferencesAreDefinedAbove();
  }

  @Test
  void masterPeersNameEveryReplica() {
    rules.masterPeersNameEveryReplica();
  }

  @Test
  void everyMasterListNamesEveryMaster() {
    rules.everyMasterListNamesEveryMaster();
  }

  @Test
  void chunkserversAdvertiseTheirPodDns() {
    rules.chunkserversAdvertiseTheirPodDns();
  }

  @Test
  void servicesSelectPodsAndTheirPorts() {
    rules.servicesSelectPodsAndTheirPorts();
  }

  @Test
  void disruptionBudgetsKeepQuorumAndReplicas() {
    rules.disruptionBudgetsKeepQuorumAndReplicas();
  }

  @Test
  void volumesHoldTheConfiguredDirs() {
    rules.volumesHoldTheConfiguredDirs();
  }

  @Test
  void podsRunAsNonRootWithResources() {
    rules.podsRunAsNonRootWithResources();
  }

  @Test
  void everyWorkloadRunsTlsFromSecretFiles() {
    new SecurityRules(objects).everyWorkloadRunsTlsFromSecretFiles();
  }

  @Test
  void mastersAuthenticateAndAudit() {
    new SecurityRules(objects).mastersAuthenticateAndAudit();
  }

  @Test
  void gatewayServesHttps() {
    new SecurityRules(objects).gatewayServesHttps();
  }

  static Map<String, Map<String, Object>> byName(List<Map<String, Object>> objects) {
    return objects.stream().collect(Collectors.toMap(KubeObjects::describe, Function.identity()));
  }
}
