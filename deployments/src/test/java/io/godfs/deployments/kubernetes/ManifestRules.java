package io.godfs.deployments.kubernetes;

import static io.godfs.deployments.kubernetes.KubeObjects.at;
import static io.godfs.deployments.kubernetes.KubeObjects.component;
import static io.godfs.deployments.kubernetes.KubeObjects.containerPort;
import static io.godfs.deployments.kubernetes.KubeObjects.containers;
import static io.godfs.deployments.kubernetes.KubeObjects.describe;
import static io.godfs.deployments.kubernetes.KubeObjects.env;
import static io.godfs.deployments.kubernetes.KubeObjects.envReferences;
import static io.godfs.deployments.kubernetes.KubeObjects.kind;
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

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * What a goDFS deployment must get right, checked on a set of Kubernetes objects (the plain
 * manifests, or the chart rendered with any values). Each rule fails with an AssertJ message naming
 * the object; ManifestRulesTest shows each one failing on a broken copy.
 */
final class ManifestRules {
  static final Set<String> HEALTH_PATHS = Set.of("/health/live", "/health/ready", "/v1/health");
  static final Set<String> ROLES = Set.of("master", "chunkserver", "gateway");

  private final List<Map<String, Object>> objects;
  private final Set<String> documentedEnv;
  private final String clusterDomain;

  ManifestRules(
      List<Map<String, Object>> objects, Set<String> documentedEnv, String clusterDomain) {
    this.objects = objects;
    this.documentedEnv = documentedEnv;
    this.clusterDomain = clusterDomain;
  }

  /** Every rule, security included: what the plain manifests and the chart's defaults must meet. */
  void checkAll() {
    checkAllButSecurity();
    SecurityRules security = new SecurityRules(objects);
    security.everyWorkloadRunsTlsFromSecretFiles();
    security.mastersAuthenticateAndAudit();
    security.gatewayServesHttps();
  }

  /** The rules a cluster with security off ({@code security.enabled=false}) must meet too. */
  void checkAllButSecurity() {
    objectsAreLabelledAndNamespaceFree();
    containersRunARoleWithoutAShell();
    probesAreHttpGetOnTheHealthListeners();
    envVarsAreDocumented();
    secretsComeFromSecretsOrFiles();
    envReferencesAreDefinedAbove();
    masterPeersNameEveryReplica();
    everyMasterListNamesEveryMaster();
    chunkserversAdvertiseTheirPodDns();
    servicesSelectPodsAndTheirPorts();
    disruptionBudgetsKeepQuorumAndReplicas();
    volumesHoldTheConfiguredDirs();
    podsRunAsNonRootWithResources();
  }

  void objectsAreLabelledAndNamespaceFree() {
    assertThat(objects).as("objects").isNotEmpty();
    for (Map<String, Object> o : objects) {
      assertThat(string(o, "apiVersion")).as("apiVersion of %s", describe(o)).isNotBlank();
      assertThat(name(o)).as("name of a %s", kind(o)).isNotBlank();
      assertThat(at(o, "metadata", "namespace"))
          .as("namespace of %s (apply to any)", describe(o))
          .isNull();
      assertThat(map(o, "metadata", "labels"))
          .as("labels of %s", describe(o))
          .containsKeys(
              "app.kubernetes.io/name",
              "app.kubernetes.io/instance",
              "app.kubernetes.io/component");
    }
  }

  void containersRunARoleWithoutAShell() {
    workloads(objects)
        .forEach(
            w ->
                containers(w)
                    .forEach(
                        c -> {
                          assertThat(c)
                              .as(
                                  "%s: the image's ENTRYPOINT is the launcher, there is no shell",
                                  describe(w))
                              .doesNotContainKey("command");
                          assertThat(at(c, "args"))
                              .as("args of %s", describe(w))
                              .isInstanceOf(List.class);
                          assertThat((List<?>) at(c, "args"))
                              .as("role of %s", describe(w))
                              .isNotEmpty()
                              .first()
                              .isIn(ROLES.toArray());
                          assertThat(string(c, "imagePullPolicy"))
                              .as("pull policy of %s (no registry)", describe(w))
                              .isNotEqualTo("Always");
                        }));
  }

  void probesAreHttpGetOnTheHealthListeners() {
    workloads(objects)
        .forEach(
            w ->
                containers(w)
                    .forEach(
                        c -> {
                          assertThat(c)
                              .as("probes of %s", describe(w))
                              .containsKeys("livenessProbe", "readinessProbe");
                          for (String probe :
                              List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                            if (!c.containsKey(probe)) {
                              continue;
                            }
                            String what = probe + " of " + describe(w);
                            assertThat(map(c, probe).keySet())
                                .as(what + ": no shell, so httpGet only")
                                .doesNotContain("exec", "tcpSocket", "grpc");
                            String path = string(c, probe, "httpGet", "path");
                            assertThat(path).as(what + " path").isIn(HEALTH_PATHS.toArray());
                            Integer port = containerPort(c, at(c, probe, "httpGet", "port"));
                            assertThat(port)
                                .as(what + " port (a declared containerPort)")
                                .isNotNull();
                            String listener =
                                path.equals("/v1/health")
                                    ? "GODFS_GATEWAY_LISTEN"
                                    : "GODFS_HEALTH_LISTEN";
                            assertThat(env(c, listener))
                                .as(what + ": " + listener + " serves " + path)
                                .isNotNull();
                            assertThat(listenPort(env(c, listener)))
                                .as(what + " port = " + listener)
                                .isEqualTo(port);
                          }
                          assertThat(string(c, "livenessProbe", "httpGet", "path"))
                              .as(
                                  "liveness of %s: a master without a leader or an unregistered"
                                      + " chunkserver is not ready, but must not be restarted",
                                  describe(w))
                              .isNotEqualTo("/health/ready");
                        }));
  }

  void envVarsAreDocumented() {
    workloads(objects)
        .forEach(
            w ->
                containers(w)
                    .forEach(
                        c ->
                            maps(c, "env")
                                .forEach(
                                    e -> {
                                      String name = string(e, "name");
                                      if (name.startsWith("GODFS_")
                                          && !name.equals("GODFS_HEALTH_LISTEN")
                                          && !name.startsWith("GODFS_GATEWAY_")) {
                                        assertThat(documentedEnv)
                                            .as(
                                                "%s sets %s: not in README.md's configuration"
                                                    + " table",
                                                describe(w), name)
                                            .contains(name);
                                      }
                                    })));
  }

  /**
   * A secret setting (a key, token or secret of goDFS) never has a plain value in a manifest, where
   * anyone who reads the object or the pod spec reads it: it comes from a Secret ({@code
   * valueFrom.secretKeyRef}) or names a file ({@code @/path}, goDFS's form for secrets).
   */
  void secretsComeFromSecretsOrFiles() {
    workloads(objects)
        .forEach(
            w ->
                containers(w)
                    .forEach(
                        c ->
                            maps(c, "env")
                                .forEach(
                                    e -> {
                                      String name = string(e, "name");
                                      String value = string(e, "value");
                                      if (isSecretSetting(name) && value != null) {
                                        assertThat(value)
                                            .as(
                                                "%s sets the secret %s as a plain value: take it"
                                                    + " from a Secret (valueFrom.secretKeyRef) or"
                                                    + " a file (@/path)",
                                                describe(w), name)
                                            .startsWith("@");
                                      }
                                    })));
  }

  /** GODFS_* names that hold a secret themselves (not the name of a file holding one). */
  static boolean isSecretSetting(String name) {
    if (name == null || !name.startsWith("GODFS_") || name.endsWith("_FILE")) {
      return false;
    }
    return name.endsWith("_KEY")
        || name.endsWith("_KEYS")
        || name.contains("SECRET")
        || name.contains("TOKEN")
        || name.contains("PASSWORD");
  }

  void envReferencesAreDefinedAbove() {
    workloads(objects)
        .forEach(
            w ->
                containers(w)
                    .forEach(
                        c -> {
                          Set<String> above = new HashSet<>();
                          for (Map<String, Object> e : maps(c, "env")) {
                            String value = string(e, "value");
                            for (String reference :
                                value == null ? List.<String>of() : envReferences(value)) {
                              assertThat(above)
                                  .as(
                                      "%s: %s uses $(%s), which Kubernetes expands only when"
                                          + " defined above it",
                                      describe(w), e.get("name"), reference)
                                  .contains(reference);
                            }
                            above.add(string(e, "name"));
                          }
                          expectFieldRef(w, c, "POD_NAME", "metadata.name");
                          expectFieldRef(w, c, "POD_NAMESPACE", "metadata.namespace");
                        }));
  }

  void masterPeersNameEveryReplica() {
    Map<String, Object> masters = single("StatefulSet", "master");
    Map<String, Object> c = containers(masters).get(0);
    int replicas = (Integer) at(masters, "spec", "replicas");
    assertThat(replicas).as("masters: an odd number, at least 3").isGreaterThanOrEqualTo(3).isOdd();
    assertThat(string(masters, "spec", "podManagementPolicy"))
        .as("masters start together")
        .isEqualTo("Parallel");
    assertThat(
            maps(
                masters,
                "spec",
                "template",
                "spec",
                "affinity",
                "podAntiAffinity",
                "preferredDuringSchedulingIgnoredDuringExecution"))
        .as("masters spread over nodes")
        .isNotEmpty();
    int raft = listenPort(env(c, "GODFS_MASTER_RAFT_LISTEN"));
    int grpc = listenPort(env(c, "GODFS_MASTER_LISTEN"));
    assertThat(List.of(containerPort(c, raft), containerPort(c, grpc)))
        .as("master ports declared")
        .doesNotContainNull();
    String self = podHost(masters, "$(POD_NAME)");
    assertThat(env(c, "GODFS_MASTER_NODE_ID")).isEqualTo("$(POD_NAME)");
    assertThat(env(c, "GODFS_MASTER_RAFT_LISTEN")).isEqualTo(self + ":" + raft);
    assertThat(env(c, "GODFS_MASTER_ADVERTISE_ADDR")).isEqualTo(self + ":" + grpc);
    assertThat(env(c, "GODFS_MASTER_BOOTSTRAP")).as("GODFS_MASTER_BOOTSTRAP").isIn("1", "0");
    List<String> peers =
        IntStream.range(0, replicas)
            .mapToObj(i -> name(masters) + "-" + i)
            .map(
                pod ->
                    pod
                        + "@"
                        + podHost(masters, pod)
                        + ":"
                        + raft
                        + "@"
                        + podHost(masters, pod)
                        + ":"
                        + grpc)
            .toList();
    assertThat(env(c, "GODFS_MASTER_PEERS"))
        .as("GODFS_MASTER_PEERS: every replica, by its pod DNS name")
        .isEqualTo(String.join(",", peers));
  }

  void everyMasterListNamesEveryMaster() {
    Map<String, Object> masters = single("StatefulSet", "master");
    int grpc = listenPort(env(containers(masters).get(0), "GODFS_MASTER_LISTEN"));
    List<String> expected =
        IntStream.range(0, (Integer) at(masters, "spec", "replicas"))
            .mapToObj(i -> podHost(masters, name(masters) + "-" + i) + ":" + grpc)
            .toList();
    List<String> users = new ArrayList<>();
    workloads(objects)
        .filter(w -> !"master".equals(component(w)))
        .forEach(
            w ->
                containers(w)
                    .forEach(
                        c -> {
                          assertThat(env(c, "GODFS_MASTER"))
                              .as("GODFS_MASTER of %s", describe(w))
                              .isEqualTo(String.join(",", expected));
                          users.add(component(w));
                        }));
    assertThat(users).as("components that need the masters").contains("chunkserver", "gateway");
  }

  void chunkserversAdvertiseTheirPodDns() {
    Map<String, Object> chunkservers = single("StatefulSet", "chunkserver");
    Map<String, Object> c = containers(chunkservers).get(0);
    int port = listenPort(env(c, "GODFS_CHUNK_LISTEN"));
    assertThat(containerPort(c, port)).as("chunkserver port declared").isNotNull();
    assertThat(env(c, "GODFS_NODE_ID"))
        .as("chunkserver id: its stable pod name")
        .isEqualTo("$(POD_NAME)");
    assertThat(env(c, "GODFS_ADVERTISE_ADDR"))
        .isEqualTo(podHost(chunkservers, "$(POD_NAME)") + ":" + port);
  }

  void servicesSelectPodsAndTheirPorts() {
    workloads(objects)
        .forEach(
            w ->
                assertThat(selects(map(w, "spec", "selector", "matchLabels"), podLabels(w)))
                    .as("selector of %s matches its pods", describe(w))
                    .isTrue());
    ofKind(objects, "Service")
        .forEach(
            s -> {
              Map<String, Object> w = selectedWorkload(s, map(s, "spec", "selector"));
              for (Map<String, Object> port : maps(s, "spec", "ports")) {
                assertThat(containerPort(containers(w).get(0), port.get("targetPort")))
                    .as("%s targets %s on %s", describe(s), port.get("targetPort"), describe(w))
                    .isNotNull();
              }
            });
  }

  void disruptionBudgetsKeepQuorumAndReplicas() {
    ofKind(objects, "StatefulSet")
        .forEach(
            sts ->
                assertThat(
                        ofKind(objects, "PodDisruptionBudget")
                            .filter(
                                p ->
                                    selects(
                                        map(p, "spec", "selector", "matchLabels"), podLabels(sts))))
                    .as("PodDisruptionBudget for %s", describe(sts))
                    .hasSize(1));
    ofKind(objects, "PodDisruptionBudget")
        .forEach(
            pdb -> {
              Map<String, Object> w =
                  selectedWorkload(pdb, map(pdb, "spec", "selector", "matchLabels"));
              int replicas = (Integer) at(w, "spec", "replicas");
              int maxUnavailable = (Integer) at(pdb, "spec", "maxUnavailable");
              assertThat(maxUnavailable).as("maxUnavailable of %s", describe(pdb)).isPositive();
              if ("master".equals(component(w))) {
                assertThat(replicas - maxUnavailable)
                    .as("%s keeps a Raft majority", describe(pdb))
                    .isGreaterThan(replicas / 2);
              } else {
                assertThat(maxUnavailable)
                    .as("%s: fewer than the 3 replicas of a chunk", describe(pdb))
                    .isLessThan(3);
              }
            });
  }

  void volumesHoldTheConfiguredDirs() {
    Map<String, String> dirs =
        Map.of("master", "GODFS_MASTER_RAFT_DIR", "chunkserver", "GODFS_CHUNK_DATA");
    ofKind(objects, "StatefulSet")
        .forEach(
            sts -> {
              Map<String, Object> c = containers(sts).get(0);
              List<String> claims =
                  maps(sts, "spec", "volumeClaimTemplates").stream()
                      .map(v -> string(v, "metadata", "name"))
                      .toList();
              assertThat(claims).as("volumeClaimTemplates of %s", describe(sts)).isNotEmpty();
              List<String> claimMounts =
                  maps(c, "volumeMounts").stream()
                      .filter(m -> claims.contains(string(m, "name")))
                      .map(m -> string(m, "mountPath"))
                      .toList();
              assertThat(claimMounts)
                  .as("mounts of the claims of %s", describe(sts))
                  .hasSameSizeAs(claims);
              String dir = env(c, dirs.get(component(sts)));
              assertThat(dir).as("%s of %s", dirs.get(component(sts)), describe(sts)).isNotNull();
              assertThat(claimMounts)
                  .as(
                      "%s=%s lies below a claim's mount of %s (not the volume root: lost+found)",
                      dirs.get(component(sts)), dir, describe(sts))
                  .anyMatch(mount -> dir.startsWith(mount + "/"));
              Set<String> volumes = new HashSet<>(claims);
              maps(sts, "spec", "template", "spec", "volumes")
                  .forEach(v -> volumes.add(string(v, "name")));
              maps(c, "volumeMounts")
                  .forEach(
                      m ->
                          assertThat(volumes)
                              .as("volume of mount %s", m)
                              .contains(string(m, "name")));
            });
  }

  void podsRunAsNonRootWithResources() {
    workloads(objects)
        .forEach(
            w -> {
              Map<String, Object> pod = map(w, "spec", "template", "spec", "securityContext");
              assertThat(pod.get("runAsNonRoot"))
                  .as("runAsNonRoot of %s", describe(w))
                  .isEqualTo(true);
              assertThat((Integer) pod.get("runAsUser"))
                  .as("runAsUser of %s", describe(w))
                  .isPositive();
              assertThat(pod.get("fsGroup"))
                  .as("fsGroup of %s (volume ownership)", describe(w))
                  .isNotNull();
              for (Map<String, Object> c : containers(w)) {
                assertThat(at(c, "securityContext", "allowPrivilegeEscalation"))
                    .as("%s", describe(w))
                    .isEqualTo(false);
                assertThat(map(c, "resources", "requests"))
                    .as("requests of %s", describe(w))
                    .containsKeys("cpu", "memory");
                assertThat(map(c, "resources", "limits"))
                    .as("limits of %s", describe(w))
                    .containsKey("memory");
                if (Boolean.TRUE.equals(at(c, "securityContext", "readOnlyRootFilesystem"))) {
                  assertThat(maps(c, "volumeMounts"))
                      .as("%s: JVM and RocksDB need a writable /tmp", describe(w))
                      .anyMatch(m -> "/tmp".equals(m.get("mountPath")));
                }
              }
            });
  }

  private void expectFieldRef(
      Map<String, Object> w, Map<String, Object> c, String name, String field) {
    maps(c, "env").stream()
        .filter(e -> name.equals(e.get("name")))
        .forEach(
            e ->
                assertThat(string(e, "valueFrom", "fieldRef", "fieldPath"))
                    .as("%s of %s", name, describe(w))
                    .isEqualTo(field));
  }

  /** The stable DNS name of a pod of {@code sts}, via its headless Service (checked here). */
  private String podHost(Map<String, Object> sts, String pod) {
    String service = string(sts, "spec", "serviceName");
    Map<String, Object> headless =
        ofKind(objects, "Service")
            .filter(s -> name(s).equals(service))
            .findFirst()
            .orElseThrow(() -> new AssertionError(describe(sts) + ": no Service " + service));
    assertThat(string(headless, "spec", "clusterIP"))
        .as("%s is headless", describe(headless))
        .isEqualTo("None");
    assertThat(at(headless, "spec", "publishNotReadyAddresses"))
        .as("%s resolves pods before they are ready", describe(headless))
        .isEqualTo(true);
    assertThat(selects(map(headless, "spec", "selector"), podLabels(sts)))
        .as("%s selects %s", describe(headless), describe(sts))
        .isTrue();
    return pod + "." + service + ".$(POD_NAMESPACE).svc." + clusterDomain;
  }

  private Map<String, Object> single(String kind, String component) {
    List<Map<String, Object>> found =
        ofKind(objects, kind).filter(o -> component.equals(component(o))).toList();
    assertThat(found).as("%s of the %s", kind, component).hasSize(1);
    return found.get(0);
  }

  private Map<String, Object> selectedWorkload(
      Map<String, Object> selecting, Map<String, Object> selector) {
    List<Map<String, Object>> selected =
        workloads(objects).filter(w -> selects(selector, podLabels(w))).toList();
    assertThat(selected).as("workloads selected by %s", describe(selecting)).hasSize(1);
    return selected.get(0);
  }
}
