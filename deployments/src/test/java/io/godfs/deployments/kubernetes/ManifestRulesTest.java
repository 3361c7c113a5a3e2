package io.godfs.deployments.kubernetes;

import static io.godfs.deployments.kubernetes.KubeObjects.component;
import static io.godfs.deployments.kubernetes.KubeObjects.containers;
import static io.godfs.deployments.kubernetes.KubeObjects.env;
import static io.godfs.deployments.kubernetes.KubeObjects.kind;
import static io.godfs.deployments.kubernetes.KubeObjects.map;
import static io.godfs.deployments.kubernetes.KubeObjects.maps;
import static io.godfs.deployments.kubernetes.KubeObjects.name;
import static io.godfs.deployments.kubernetes.KubeObjects.ofKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each rule fails on a copy of the plain manifests broken the way a careless edit would. */
class ManifestRulesTest {
  static Stream<Arguments> breakages() {
    return Stream.of(
        breakage(
            "no readiness probe",
            "probes of StatefulSet/godfs-master",
            objects -> master(objects).remove("readinessProbe")),
        breakage(
            "restart when not ready",
            "must not be restarted",
            objects ->
                map(chunkserver(objects), "livenessProbe", "httpGet").put("path", "/health/ready")),
        breakage(
            "made-up health path",
            "path",
            objects -> map(master(objects), "livenessProbe", "httpGet").put("path", "/healthz")),
        breakage(
            "probe on an undeclared port",
            "a declared containerPort",
            objects -> map(master(objects), "readinessProbe", "httpGet").put("port", 9999)),
        breakage(
            "an exec probe",
            "httpGet only",
            objects -> map(master(objects), "startupProbe").put("exec", Map.of())),
        breakage(
            "a shell command",
            "no shell",
            objects -> master(objects).put("command", List.of("/bin/sh", "-c"))),
        breakage(
            "undocumented variable",
            "GODFS_MASTER_ADRESS",
            objects ->
                envList(master(objects)).add(Map.of("name", "GODFS_MASTER_ADRESS", "value", "x"))),
        breakage(
            "a secret as a plain value",
            "sets the secret GODFS_CLUSTER_KEY as a plain value",
            objects ->
                envList(chunkserver(objects))
                    .add(Map.of("name", "GODFS_CLUSTER_KEY", "value", "s3cret-in-the-manifest"))),
        breakage(
            "a peer missing",
            "GODFS_MASTER_PEERS",
            objects ->
                setEnv(
                    master(objects),
                    "GODFS_MASTER_PEERS",
                    env(master(objects), "GODFS_MASTER_PEERS")
                        .replaceAll(",godfs-master-2@.*", ""))),
        breakage(
            "4 masters",
            "odd",
            objects -> map(statefulSet(objects, "master"), "spec").put("replicas", 4)),
        breakage(
            "a master list missing one",
            "GODFS_MASTER of",
            objects ->
                setEnv(
                    chunkserver(objects),
                    "GODFS_MASTER",
                    env(chunkserver(objects), "GODFS_MASTER").replaceAll(",godfs-master-2.*", ""))),
        breakage(
            "$(POD_NAME) used before it is defined",
            "defined above",
            objects -> {
              List<Map<String, Object>> env = envList(chunkserver(objects));
              env.add(0, env.remove(env.size() - 1));
              env.add(0, Map.of("name", "GODFS_NODE_ID", "value", "$(POD_NAME)"));
            }),
        breakage(
            "selector typo",
            "selected by Service/godfs-master-client",
            objects ->
                map(service(objects, "godfs-master-client"), "spec", "selector")
                    .put("app.kubernetes.io/component", "mastr")),
        breakage(
            "headless service hides unready pods",
            "before they are ready",
            objects ->
                map(service(objects, "godfs-master"), "spec")
                    .put("publishNotReadyAddresses", false)),
        breakage(
            "PDB loses the quorum",
            "keeps a Raft majority",
            objects ->
                map(byName(objects, "PodDisruptionBudget", "godfs-master"), "spec")
                    .put("maxUnavailable", 2)),
        breakage(
            "chunk data off the volume",
            "lies below a claim's mount",
            objects -> setEnv(chunkserver(objects), "GODFS_CHUNK_DATA", "/data/chunks")),
        breakage(
            "raft dir at the volume root",
            "not the volume root",
            objects -> setEnv(master(objects), "GODFS_MASTER_RAFT_DIR", "/var/lib/godfs")),
        breakage(
            "runs as root",
            "runAsNonRoot",
            objects ->
                map(statefulSet(objects, "master"), "spec", "template", "spec", "securityContext")
                    .put("runAsNonRoot", false)),
        breakage(
            "no memory limit",
            "limits",
            objects -> map(master(objects), "resources", "limits").remove("memory")),
        breakage(
            "chunkservers without TLS",
            "StatefulSet/godfs-chunkserver sets GODFS_TLS_ENABLED",
            objects -> removeEnv(chunkserver(objects), "GODFS_TLS_ENABLED")),
        breakage(
            "a gateway that checks no server",
            "Deployment/godfs-gateway sets GODFS_TLS_CA_FILE",
            objects -> removeEnv(gateway(objects), "GODFS_TLS_CA_FILE")),
        breakage(
            "a key file off the Secret",
            "reads GODFS_TLS_KEY_FILE=/tmp/node.key from a Secret volume",
            objects -> setEnv(chunkserver(objects), "GODFS_TLS_KEY_FILE", "/tmp/node.key")),
        breakage(
            "the gateway's API key off the Secret",
            "reads GODFS_CLIENT_API_KEY=/tmp/api-key from a Secret volume",
            objects -> setEnv(gateway(objects), "GODFS_CLIENT_API_KEY", "@/tmp/api-key")),
        breakage(
            "a Secret everyone on the pod can read",
            "defaultMode 0440",
            objects ->
                maps(statefulSet(objects, "master"), "spec", "template", "spec", "volumes").stream()
                    .filter(v -> "tls".equals(v.get("name")))
                    .forEach(v -> map(v, "secret").put("defaultMode", 0444))),
        breakage(
            "a subPathExpr naming no variable",
            "subPathExpr $(POD_NAM).crt",
            objects ->
                maps(chunkserver(objects), "volumeMounts").stream()
                    .filter(m -> "/etc/godfs/tls/node.crt".equals(m.get("mountPath")))
                    .forEach(m -> m.put("subPathExpr", "$(POD_NAM).crt"))),
        breakage(
            "a probe over HTTP",
            "readinessProbe of StatefulSet/godfs-master: the listener serves HTTPS",
            objects -> map(master(objects), "readinessProbe", "httpGet").remove("scheme")),
        breakage(
            "masters that keep no audit trail",
            "GODFS_AUDIT_ENABLED",
            objects -> removeEnv(master(objects), "GODFS_AUDIT_ENABLED")),
        breakage(
            "masters that ask no one for a key",
            "GODFS_API_KEYS_FILE (callers must authenticate)",
            objects -> removeEnv(master(objects), "GODFS_API_KEYS_FILE")),
        breakage(
            "the audit trail off the volume",
            "GODFS_AUDIT_LOG=/tmp/audit.log on its volume",
            objects -> setEnv(master(objects), "GODFS_AUDIT_LOG", "/tmp/audit.log")),
        breakage(
            "a plain HTTP gateway",
            "serves HTTPS (GODFS_GATEWAY_HTTPS_ENABLED)",
            objects -> removeEnv(gateway(objects), "GODFS_GATEWAY_HTTPS_ENABLED")),
        breakage(
            "a namespace",
            "namespace of",
            objects -> map(objects.get(0), "metadata").put("namespace", "prod")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("breakages")
  void ruleFails(String what, String messagePart, Consumer<List<Map<String, Object>>> breakIt) {
    List<Map<String, Object>> objects = DeploymentFiles.plainObjects();
    breakIt.accept(objects);
    ManifestRules rules =
        new ManifestRules(objects, DeploymentFiles.documentedVariables(), "cluster.local");
    assertThatThrownBy(rules::checkAll)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(messagePart);
  }

  private static Arguments breakage(
      String what, String messagePart, Consumer<List<Map<String, Object>>> breakIt) {
    return Arguments.of(what, messagePart, breakIt);
  }

  private static Map<String, Object> statefulSet(
      List<Map<String, Object>> objects, String component) {
    return byName(objects, "StatefulSet", "godfs-" + component);
  }

  private static Map<String, Object> master(List<Map<String, Object>> objects) {
    return containers(statefulSet(objects, "master")).get(0);
  }

  private static Map<String, Object> chunkserver(List<Map<String, Object>> objects) {
    return containers(statefulSet(objects, "chunkserver")).get(0);
  }

  private static Map<String, Object> gateway(List<Map<String, Object>> objects) {
    return containers(byName(objects, "Deployment", "godfs-gateway")).get(0);
  }

  private static void removeEnv(Map<String, Object> container, String name) {
    assertThat(envList(container).removeIf(e -> name.equals(e.get("name")))).as(name).isTrue();
  }

  private static Map<String, Object> service(List<Map<String, Object>> objects, String name) {
    return byName(objects, "Service", name);
  }

  private static Map<String, Object> byName(
      List<Map<String, Object>> objects, String kind, String name) {
    return ofKind(objects, kind).filter(o -> name.equals(name(o))).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> envList(Map<String, Object> container) {
    return (List<Map<String, Object>>) container.computeIfAbsent("env", k -> new ArrayList<>());
  }

  private static void setEnv(Map<String, Object> container, String name, String value) {
    envList(container).stream()
        .filter(e -> name.equals(e.get("name")))
        .findFirst()
        .orElseThrow()
        .put("value", value);
  }
}
