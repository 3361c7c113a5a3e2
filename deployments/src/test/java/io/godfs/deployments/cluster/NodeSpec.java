package io.godfs.deployments.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How one goDFS container is made: its name on the network, fixed IP, role command, GODFS_*
 * environment, named volume, and the files copied in before it starts (container path to the test
 * JVM's file: its certificate, key and CA, the masters' API keys). Kept so that a node can be made
 * again, on the same address and data, after removal.
 */
record NodeSpec(
    String name,
    Role role,
    String ip,
    Map<String, String> env,
    String volume,
    Map<String, Path> files) {
  enum Role {
    MASTER(9100, "/health/ready"),
    CHUNKSERVER(9100, "/health/ready"),
    GATEWAY(8080, "/v1/health");

    final int healthPort;
    final String readyPath;

    Role(int healthPort, String readyPath) {
      this.healthPort = healthPort;
      this.readyPath = readyPath;
    }

    List<String> command() {
      return List.of(name().toLowerCase(Locale.ROOT));
    }
  }

  NodeSpec {
    env = Map.copyOf(env);
    files = Map.copyOf(files);
  }

  /** HTTPS: every listener of a secured node runs TLS, the health listener too. */
  String readyUrl() {
    return "https://" + ip + ":" + role.healthPort + role.readyPath;
  }
}
