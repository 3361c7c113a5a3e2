package io.godfs.deployments.cluster;

import static io.godfs.deployments.cluster.ContainerCluster.DATA;

import io.godfs.deployments.cluster.NodeSpec.Role;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The nodes of a test cluster and how each one is configured: only the GODFS_* variables an
 * operator would set (README), with timings shortened so faults show within seconds. On the network
 * {@code prefix}.0/24: masters at .11-, chunkservers at .21-, the gateway at .40.
 */
final class ClusterLayout {
  /** Small heaps and one GC thread each: eight JVMs share two cores in CI. */
  static final String JVM_OPTIONS = "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1";

  private ClusterLayout() {}

  static List<NodeSpec> nodes(String runId, String prefix, int masters, int chunkservers) {
    List<NodeSpec> nodes = new ArrayList<>();
    List<String> peers = new ArrayList<>();
    for (int i = 1; i <= masters; i++) {
      peers.add("m" + i + "@" + ip(prefix, 10 + i) + ":9200@" + ip(prefix, 10 + i) + ":9090");
    }
    for (int i = 1; i <= masters; i++) {
      String ip = ip(prefix, 10 + i);
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
      nodes.add(new NodeSpec("master-" + i, Role.MASTER, ip, env, runId + "-master-" + i));
    }
    String masterAddresses = masterAddresses(prefix, masters);
    for (int i = 1; i <= chunkservers; i++) {
      String ip = ip(prefix, 20 + i);
      Map<String, String> env = common();
      env.put("GODFS_MASTER", masterAddresses);
      env.put("GODFS_NODE_ID", "chunk-" + i);
      env.put("GODFS_CHUNK_LISTEN", ":8000");
      env.put("GODFS_ADVERTISE_ADDR", ip + ":8000");
      env.put("GODFS_CHUNK_DATA", DATA + "/chunks");
      env.put("GODFS_CHUNK_CAPACITY_BYTES", "4GiB");
      nodes.add(new NodeSpec("chunk-" + i, Role.CHUNKSERVER, ip, env, runId + "-chunk-" + i));
    }
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JAVA_TOOL_OPTIONS", JVM_OPTIONS);
    env.put("GODFS_MASTER", masterAddresses);
    env.put("GODFS_GATEWAY_LISTEN", ":8080");
    nodes.add(new NodeSpec("gateway", Role.GATEWAY, ip(prefix, 40), env, runId + "-gateway"));
    return nodes;
  }

  private static Map<String, String> common() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("JAVA_TOOL_OPTIONS", JVM_OPTIONS);
    env.put("GODFS_HEALTH_LISTEN", ":9100");
    env.put("GODFS_HEARTBEAT_INTERVAL", "1s");
    return env;
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
