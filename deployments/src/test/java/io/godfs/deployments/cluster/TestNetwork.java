package io.godfs.deployments.cluster;

import com.github.dockerjava.api.model.Network.Ipam;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.testcontainers.containers.Network;

/**
 * A bridge network made for one test, with its own /24 subnet so that every node gets a fixed IP
 * (Docker assigns fixed IPs only on networks with a configured subnet). Subnets are picked at
 * random in 172.29.0.0/16 and another is tried when one is taken.
 */
record TestNetwork(Network network, String prefix) implements AutoCloseable {
  static TestNetwork create(String name) {
    RuntimeException last = null;
    for (int attempt = 0; attempt < 10; attempt++) {
      int third = ThreadLocalRandom.current().nextInt(1, 255);
      String subnet = "172.29." + third + ".0/24";
      Network network =
          Network.builder()
              .createNetworkCmdModifier(
                  cmd ->
                      cmd.withName(name)
                          .withIpam(new Ipam().withConfig(new Ipam.Config().withSubnet(subnet)))
                          .withLabels(Map.of(ContainerCluster.LABEL, name)))
              .build();
      try {
        network.getId(); // created here
        return new TestNetwork(network, "172.29." + third + ".");
      } catch (RuntimeException e) {
        last = e;
        network.close();
      }
    }
    throw new IllegalStateException(
        "no free subnet for the test network: " + last.getMessage(), last);
  }

  @Override
  public void close() {
    network.close();
  }
}
