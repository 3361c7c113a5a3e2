package io.godfs.deployments.cluster;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How one goDFS container is made: its name on the network, fixed IP, role command, GODFS_*
 * environment and named volume. Kept so that a node can be made again, on the same address and
 * data, after removal.
 */
record NodeSpec(String name, Role role, String ip, Map<String, String> env, String volume) {
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
  }

  String readyUrl() {
    return "http://" + ip + ":" + role.healthPort + role.readyPath;
  }
}
