package io.godfs.deployments.kubernetes;

import static io.godfs.deployments.kubernetes.KubeObjects.at;
import static io.godfs.deployments.kubernetes.KubeObjects.component;
import static io.godfs.deployments.kubernetes.KubeObjects.containers;
import static io.godfs.deployments.kubernetes.KubeObjects.describe;
import static io.godfs.deployments.kubernetes.KubeObjects.env;
import static io.godfs.deployments.kubernetes.KubeObjects.envReferences;
import static io.godfs.deployments.kubernetes.KubeObjects.maps;
import static io.godfs.deployments.kubernetes.KubeObjects.string;
import static io.godfs.deployments.kubernetes.KubeObjects.workloads;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Secure by default (ADR 0022): every goDFS workload runs TLS with the cluster's CA from files of a
 * Secret volume that only its group can read, its probes speak HTTPS, the masters authenticate and
 * audit, the gateway serves HTTPS. Part of {@link ManifestRules#checkAll()}; a chart rendered with
 * {@code security.enabled=false} fails it on purpose.
 */
final class SecurityRules {
  private static final Set<String> ON = Set.of("1", "true", "yes");
  private static final List<String> PROBES =
      List.of("startupProbe", "livenessProbe", "readinessProbe");

  private final List<Map<String, Object>> objects;

  SecurityRules(List<Map<String, Object>> objects) {
    this.objects = objects;
  }

  void everyWorkloadRunsTlsFromSecretFiles() {
    workloads(objects)
        .forEach(
            w -> {
              Map<String, Map<String, Object>> volumes = volumesByName(w);
              for (Map<String, Object> c : containers(w)) {
                assertThat(env(c, "GODFS_TLS_ENABLED"))
                    .as("%s sets GODFS_TLS_ENABLED (else its ports are plaintext)", describe(w))
                    .isIn(ON);
                assertThat(env(c, "GODFS_TLS_CA_FILE"))
                    .as(
                        "%s sets GODFS_TLS_CA_FILE (else it checks no server, and a server accepts"
                            + " callers without a certificate of the cluster's CA)",
                        describe(w))
                    .isNotBlank();
                boolean server = env(c, "GODFS_TLS_CERT_FILE") != null;
                String prefix = server ? "GODFS_TLS_" : "GODFS_TLS_CLIENT_";
                assertThat(List.of(prefix + "CERT_FILE", prefix + "KEY_FILE"))
                    .as("%s has a certificate and key of its own", describe(w))
                    .allMatch(name -> env(c, name) != null);
                maps(c, "env")
                    .forEach(
                        e -> {
                          String name = string(e, "name");
                          String value = string(e, "value");
                          if (value != null && (name.endsWith("_FILE") || value.startsWith("@"))) {
                            String file = value.startsWith("@") ? value.substring(1) : value;
                            assertThat(onSecretVolume(c, volumes, file))
                                .as("%s reads %s=%s from a Secret volume", describe(w), name, file)
                                .isTrue();
                          }
                        });
                subPathsUseDefinedVariables(w, c);
                for (String probe : PROBES) {
                  if (c.containsKey(probe)) {
                    assertThat(string(c, probe, "httpGet", "scheme"))
                        .as("%s of %s: the listener serves HTTPS", probe, describe(w))
                        .isEqualTo("HTTPS");
                  }
                }
              }
              volumes.values().stream()
                  .filter(v -> v.containsKey("secret"))
                  .forEach(
                      v -> {
                        Object mode = at(v, "secret", "defaultMode");
                        assertThat(mode instanceof Integer m && (m & 0007) == 0 && (m & 0440) != 0)
                            .as(
                                "Secret volume %s of %s: defaultMode 0440 (its owner and fsGroup"
                                    + " read it, no one else), not %s",
                                v.get("name"), describe(w), mode)
                            .isTrue();
                      });
            });
  }

  void mastersAuthenticateAndAudit() {
    workloads(objects)
        .filter(w -> "master".equals(component(w)))
        .forEach(
            w -> {
              Map<String, Object> c = containers(w).get(0);
              assertThat(env(c, "GODFS_API_KEYS_FILE"))
                  .as("%s: GODFS_API_KEYS_FILE (callers must authenticate)", describe(w))
                  .isNotBlank();
              assertThat(env(c, "GODFS_AUDIT_ENABLED"))
                  .as("%s: GODFS_AUDIT_ENABLED", describe(w))
                  .isIn(ON);
              String log = env(c, "GODFS_AUDIT_LOG");
              assertThat(log).as("%s: GODFS_AUDIT_LOG", describe(w)).isNotBlank();
              List<String> claims =
                  maps(w, "spec", "volumeClaimTemplates").stream()
                      .map(v -> string(v, "metadata", "name"))
                      .toList();
              assertThat(maps(c, "volumeMounts"))
                  .as(
                      "%s: GODFS_AUDIT_LOG=%s on its volume (kept across restarts)",
                      describe(w), log)
                  .anyMatch(
                      m ->
                          claims.contains(string(m, "name"))
                              && log.startsWith(string(m, "mountPath") + "/"));
            });
  }

  void gatewayServesHttps() {
    workloads(objects)
        .filter(w -> "gateway".equals(component(w)))
        .forEach(
            w -> {
              Map<String, Object> c = containers(w).get(0);
              String https = env(c, "GODFS_GATEWAY_HTTPS_ENABLED");
              assertThat(https == null ? env(c, "GODFS_REST_HTTPS_ENABLED") : https)
                  .as("%s serves HTTPS (GODFS_GATEWAY_HTTPS_ENABLED)", describe(w))
                  .isIn(ON);
            });
  }

  private static Map<String, Map<String, Object>> volumesByName(Map<String, Object> w) {
    Map<String, Map<String, Object>> volumes = new HashMap<>();
    maps(w, "spec", "template", "spec", "volumes").forEach(v -> volumes.put(string(v, "name"), v));
    return volumes;
  }

  /** True when {@code file} is the mount point of, or lies below, a mount of a Secret volume. */
  private static boolean onSecretVolume(
      Map<String, Object> c, Map<String, Map<String, Object>> volumes, String file) {
    return maps(c, "volumeMounts").stream()
        .filter(m -> volumes.containsKey(string(m, "name")))
        .filter(m -> volumes.get(string(m, "name")).containsKey("secret"))
        .map(m -> string(m, "mountPath"))
        .anyMatch(path -> file.equals(path) || file.startsWith(path + "/"));
  }

  private static void subPathsUseDefinedVariables(Map<String, Object> w, Map<String, Object> c) {
    Set<String> defined = Set.copyOf(maps(c, "env").stream().map(e -> string(e, "name")).toList());
    maps(c, "volumeMounts").stream()
        .map(m -> string(m, "subPathExpr"))
        .filter(expression -> expression != null)
        .forEach(
            expression ->
                assertThat(defined)
                    .as(
                        "%s: subPathExpr %s uses variables the container defines",
                        describe(w), expression)
                    .containsAll(envReferences(expression)));
  }
}
