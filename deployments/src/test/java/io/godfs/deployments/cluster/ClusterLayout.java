package io.godfs.deployments.cluster;

import static io.godfs.deployments.cluster.ContainerCluster.DATA;

import io.godfs.bootstrap.wiring.ca.CertificateFiles;
import io.godfs.deployments.cluster.NodeSpec.Role;
import io.godfs.domain.authority.NodeRole;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes of a test cluster and how each one is configured: only the GODFS_* variables an
 * operator would set (README), with timings shortened so faults show within seconds. On the network
 * {@code prefix}.0/24: masters at .11-, chunkservers at .21-, the gateway at .40.
 *
 * <p>Secured as an operator secures a deployment with PEM files (ADR 0022, "Containers and
 * deployments, secure by default"): TLS on every port with a certificate per node from the
 * cluster's CA, mutual TLS between nodes (every node trusts that CA and so requires a certificate
 * of it), Raft over mutual TLS (implied by the masters' TLS), API keys and audit on the masters;
 * chunkservers, named by their certificates, enforce chunk access tokens.
 */
final class ClusterLayout {
  /** Small heaps and one GC thread each: eight JVMs share two cores in CI. */
  static final String JVM_OPTIONS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

  static final String CERTIFICATE = ClusterPki.TLS_DIR + "/" + CertificateFiles.CERTIFICATE;
  static final String KEY = ClusterPki.TLS_DIR + "/" + CertificateFiles.KEY;
  static final String CA = ClusterPki.TLS_DIR + "/" + CertificateFiles.AUTHORITY;
  static final String API_KEYS = "/etc/godfs/api-keys";

  /**
   * The administrator's key in the masters' containers, for the CLI an operator runs there ({@code
   * godfs ... --api-key-file}); the gateway's own key in the gateway's.
   */
  static final String ADMIN_KEY = "/etc/godfs/admin.key";

  static final String GATEWAY_KEY = "/etc/godfs/gateway.key";

  private ClusterLayout() {}

  static List<NodeSpec> nodes(
      String runId, String prefix, int masters, int chunkservers, ClusterPki pki) {
    List<NodeSpec> nodes = new ArrayList<>();
    List<String> peers = new ArrayList<>();
    for (int i = 1; i <= masters; i++) {
      peers.add("m" + i + "@" + ip(prefix, 10 + i) + ":9200@" + ip(prefix, 10 + i) + ":9090");
    }
    for (int i = 1; i <= masters; i++) {
      String ip = ip(prefix, 10 + i);
      String name = "master-" + i;
      Map<String, String> env = common();
      env.put("GODFS_MASTER_NODE_ID", "m" + i);
      env.put("GODFS_MASTER_LISTEN", ":9090");
      env.put("GODFS_MASTER_ADVERTISE_ADDR", ip + ":9090");
      env.put("GODFS_MASTER_RAFT_LISTEN", ip + ":9200");
      env.put("GODFS_MASTER_RAFT_DIR", DATA + "/raft");
      env.put("GODFS_MASTER_PEERS", String.join(",", peers));
      env.put("GODFS_MASTER_BOOTSTRAP", "1");
      env.put("GODFS_CHUNK_SIZE_BYTES", "1MiB");
      env.put("GODFS_NODE_DEAD_AFTER", "5s");
      env.put("GODFS_LEASE_TIMEOUT", "10s");
      env.put("GODFS_API_KEYS_FILE", API_KEYS);
      env.put("GODFS_AUDIT_ENABLED", "1");
      env.put("GODFS_AUDIT_LOG", DATA + "/audit.log");
      Map<String, Path> files =
          tlsFiles(pki.issue(name, NodeRole.MASTER, "m" + i, List.of(name, ip)));
      files.put(API_KEYS, pki.apiKeys());
      files.put(ADMIN_KEY, pki.adminKeyFile());
      nodes.add(new NodeSpec(name, Role.MASTER, ip, env, runId + "-" + name, files));
    }
    String masterAddresses = masterAddresses(prefix, masters);
    for (int i = 1; i <= chunkservers; i++) {
      String ip = ip(prefix, 20 + i);
      String name = "chunk-" + i;
      Map<String, String> env = common();
      env.put("GODFS_MASTER", masterAddresses);
      env.put("GODFS_NODE_ID", name);
      env.put("GODFS_CHUNK_LISTEN", ":8000");
      env.put("GODFS_ADVERTISE_ADDR", ip + ":8000");
      env.put("GODFS_CHUNK_DATA", DATA + "/chunks");
      env.put("GODFS_CHUNK_CAPACITY_BYTES", "4GiB");
      Map<String, Path> files =
          tlsFiles(pki.issue(name, NodeRole.CHUNKSERVER, name, List.of(name, ip)));
      nodes.add(new NodeSpec(name, Role.CHUNKSERVER, ip, env, runId + "-" + name, files));
    }
    String ip = ip(prefix, 40);
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JAVA_TOOL_OPTIONS", JVM_OPTIONS);
    env.put("GODFS_MASTER", masterAddresses);
    env.put("GODFS_GATEWAY_LISTEN", ":8080");
    // A client of the masters and chunkservers (its certificate), and an HTTPS server.
    env.put("GODFS_TLS_ENABLED", "1");
    env.put("GODFS_TLS_CA_FILE", CA);
    env.put("GODFS_TLS_CLIENT_CERT_FILE", CERTIFICATE);
    env.put("GODFS_TLS_CLIENT_KEY_FILE", KEY);
    env.put("GODFS_REST_HTTPS_ENABLED", "1");
    env.put("GODFS_REST_TLS_CERT_FILE", CERTIFICATE);
    env.put("GODFS_REST_TLS_KEY_FILE", KEY);
    env.put("GODFS_CLIENT_API_KEY", "@" + GATEWAY_KEY);
    Map<String, Path> files =
        tlsFiles(pki.issue("gateway", NodeRole.CLIENT, "gateway", List.of("gateway", ip)));
    files.put(GATEWAY_KEY, pki.gatewayKeyFile());
    nodes.add(new NodeSpec("gateway", Role.GATEWAY, ip, env, runId + "-gateway", files));
    return nodes;
  }

  /** Masters and chunkservers: TLS on, their certificate, and the CA they require of callers. */
  private static Map<String, String> common() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JAVA_TOOL_OPTIONS", JVM_OPTIONS);
    env.put("GODFS_HEALTH_LISTEN", ":9100");
    env.put("GODFS_HEARTBEAT_INTERVAL", "1s");
    env.put("GODFS_TLS_ENABLED", "1");
    env.put("GODFS_TLS_CERT_FILE", CERTIFICATE);
    env.put("GODFS_TLS_KEY_FILE", KEY);
    env.put("GODFS_TLS_CA_FILE", CA);
    return env;
  }

  private static Map<String, Path> tlsFiles(CertificateFiles issued) {
    Map<String, Path> files = new LinkedHashMap<>();
    files.put(CERTIFICATE, issued.certificate());
    files.put(KEY, issued.key());
    files.put(CA, issued.authority());
    return files;
  }

  private static String ip(String prefix, int host) {
    return prefix + host;
  }

  private static String masterAddresses(String prefix, int masters) {
    List<String> out = new ArrayList<>();
    for (int i = 1; i <= masters; i++) {
      out.add(ip(prefix, 10 + i) + ":9090");
    }
    return String.join(",", out);
  }
}
