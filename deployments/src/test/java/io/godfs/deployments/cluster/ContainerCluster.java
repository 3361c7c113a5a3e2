package io.godfs.deployments.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.Volume;
import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcAdminClient;
import io.godfs.application.client.ClientSettings;
import io.godfs.client.GodfsClient;
import io.godfs.deployments.cluster.NodeSpec.Role;
import io.godfs.domain.node.MasterInfo;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.ExecConfig;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.Transferable;
import org.testcontainers.lifecycle.Startables;
import org.testcontainers.utility.DockerImageName;

/**
 * A goDFS cluster of separate containers on a Docker network this test creates: Ratis masters,
 * chunkservers and a REST gateway, each with a fixed IP and a named volume. The test JVM reaches
 * them on that network (the host routes to its bridge); nothing is published beyond it. Faults are
 * real Docker operations: kill, pause, disconnect. Closing removes every container, the network and
 * the volumes, and keeps each container's log under {@code deployments/target/container-logs}.
 *
 * <p>Secured as an operator secures it ({@link ClusterLayout}): TLS everywhere from the cluster's
 * CA ({@link ClusterPki}), API keys and audit on the masters, chunk access tokens on the
 * chunkservers. The test's clients are the administrator {@code root}: its API key and client
 * certificate.
 */
public final class ContainerCluster implements AutoCloseable {
  public static final String DATA = "/var/lib/godfs";
  static final String LABEL = "io.godfs.test-run";
  private static final Duration START = Duration.ofSeconds(120);

  private final String runId;
  private final String image;
  private final DockerClient docker = DockerClientFactory.instance().client();
  private final TestNetwork network;
  private final ClusterPki pki;
  private final Map<String, NodeSpec> specs = new LinkedHashMap<>();
  private final Map<String, GenericContainer<?>> containers = new ConcurrentHashMap<>();
  private final Set<String> paused = ConcurrentHashMap.newKeySet();
  private final List<AutoCloseable> clients = new CopyOnWriteArrayList<>();
  private final HttpClient http;

  private ContainerCluster(String runId, String image, TestNetwork network, ClusterPki pki) {
    this.runId = runId;
    this.image = image;
    this.network = network;
    this.pki = pki;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .sslContext(pki.trustingContext())
            .build();
  }

  /**
   * Starts {@code masters} Ratis masters, {@code chunkservers} chunkservers and a gateway, and
   * waits until every one reports ready (a leader is elected, every chunkserver registered).
   */
  public static ContainerCluster start(String testName, int masters, int chunkservers) {
    String image = GodfsImage.ensureBuilt();
    String runId =
        "godfs-it-"
            + testName.toLowerCase(Locale.ROOT)
            + "-"
            + UUID.randomUUID().toString().substring(0, 6);
    ClusterPki pki = ClusterPki.create();
    TestNetwork network;
    try {
      network = TestNetwork.create(runId);
    } catch (RuntimeException | Error e) {
      pki.close();
      throw e;
    }
    ContainerCluster cluster = new ContainerCluster(runId, image, network, pki);
    try {
      for (NodeSpec spec :
          ClusterLayout.nodes(runId, cluster.network.prefix(), masters, chunkservers, pki)) {
        cluster.specs.put(spec.name(), spec);
      }
      List<GenericContainer<?>> all = new ArrayList<>();
      for (NodeSpec spec : cluster.specs.values()) {
        all.add(cluster.create(spec));
      }
      Startables.deepStart(all).join();
      cluster.awaitReady(cluster.specs.keySet());
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  private GenericContainer<?> create(NodeSpec spec) {
    GenericContainer<?> container =
        new GenericContainer<>(DockerImageName.parse(image))
            .withNetwork(network.network())
            .withNetworkAliases(spec.name())
            .withCommand(spec.role().command().toArray(String[]::new))
            .withEnv(spec.env())
            .withLabel(LABEL, runId)
            .withCreateContainerCmdModifier(
                cmd -> {
                  cmd.withName(runId + "-" + spec.name())
                      .withHostName(spec.name())
                      .withIpv4Address(spec.ip());
                  cmd.getHostConfig().withBinds(new Bind(spec.volume(), new Volume(DATA)));
                })
            .waitingFor(
                Wait.forLogMessage(".*Ctrl-C or SIGTERM stops it.*\\n", 1)
                    .withStartupTimeout(START));
    for (Map.Entry<String, Path> file : spec.files().entrySet()) {
      container.withCopyToContainer(readable(file.getValue()), file.getKey());
    }
    containers.put(spec.name(), container);
    return container;
  }

  /**
   * A file copied into a container, owned by root there and readable by the godfs user (uid 10001):
   * the container holds nothing but that one service, as a Kubernetes secret volume.
   */
  static Transferable readable(Path file) {
    try {
      return Transferable.of(Files.readAllBytes(file), 0444);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  // ---- What the tests drive ----

  /** Every master's client address, comma-separated, as clients and chunkservers are given them. */
  public String masterAddresses() {
    return specs.values().stream()
        .filter(s -> s.role() == Role.MASTER)
        .map(s -> s.ip() + ":9090")
        .collect(Collectors.joining(","));
  }

  public List<String> names(Role role) {
    return specs.values().stream().filter(s -> s.role() == role).map(NodeSpec::name).toList();
  }

  public String ipOf(String name) {
    return spec(name).ip();
  }

  /** The gateway over HTTPS, as the administrator (its API key on every request). */
  public GatewayClient gateway() {
    return new GatewayClient(http, "https://" + spec("gateway").ip() + ":8080", pki.adminKey());
  }

  /**
   * This run's id: the label {@value #LABEL} of every container and of the network, and the prefix
   * of their names.
   */
  public String runId() {
    return runId;
  }

  /**
   * The named volume of every node (masters, chunkservers, gateway), which {@link #close} removes.
   */
  public List<String> volumes() {
    return specs.values().stream().map(NodeSpec::volume).toList();
  }

  /** The cluster's secrets (its CA, the administrator's key and certificate). */
  ClusterPki pki() {
    return pki;
  }

  /** The cluster's network, for containers a test adds to it. */
  Network dockerNetwork() {
    return network.network();
  }

  /** Where a test's own containers may go on the network (hosts .50-.99 are free). */
  String ipForExtra(int host) {
    return network.prefix() + host;
  }

  /**
   * An SDK client that knows every master, as the administrator (API key and client certificate);
   * closed with the cluster.
   */
  public GodfsClient client() {
    GodfsClient client =
        GodfsClient.connect(
            masterAddresses(),
            new ClientSettings(16, Duration.ofSeconds(15), false, 1),
            Optional.of(pki.adminKey()),
            Optional.of(pki.adminTls()));
    clients.add(client);
    return client;
  }

  public GrpcAdminClient admin() {
    ChannelPool channels =
        new ChannelPool(Optional.of(pki.adminKey()), Optional.of(pki.adminTls()));
    clients.add(channels);
    return new GrpcAdminClient(masterAddresses(), channels, Duration.ofSeconds(30));
  }

  /** The name of the master that leads now, once the group has one. */
  public String awaitLeader(Duration timeout) {
    GrpcAdminClient admin = admin();
    return Deadline.awaitValue(
        timeout,
        "a leader among the masters",
        () -> {
          List<MasterInfo> masters = admin.masters().orThrow();
          return masters.stream()
              .filter(MasterInfo::leader)
              .map(m -> nameAt(m.clientAddress()))
              .findFirst()
              .orElse(null);
        });
  }

  private String nameAt(String clientAddress) {
    return specs.values().stream()
        .filter(s -> clientAddress != null && clientAddress.equals(s.ip() + ":9090"))
        .map(NodeSpec::name)
        .findFirst()
        .orElse(null);
  }

  /** Whether the node's health endpoint answers 200 on its readiness path now. */
  public boolean ready(String name) {
    try {
      HttpResponse<Void> response =
          http.send(
              HttpRequest.newBuilder(URI.create(spec(name).readyUrl()))
                  .timeout(Duration.ofSeconds(2))
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  public void awaitReady(Collection<String> names) {
    for (String name : names) {
      Deadline.await(START, name + " to report ready", () -> ready(name));
    }
  }

  /**
   * SIGKILL, as a crash or an OOM kill: no shutdown hook runs. The container stays, to be started
   * again.
   */
  public void kill(String name) {
    docker.killContainerCmd(container(name).getContainerId()).exec();
  }

  /** Starts a killed or stopped node's container again (same IP and volume). */
  public void restart(String name) {
    docker.startContainerCmd(container(name).getContainerId()).exec();
  }

  /**
   * Freezes every process of the node (cgroup freezer): it holds its connections but answers
   * nothing.
   */
  public void pause(String name) {
    docker.pauseContainerCmd(container(name).getContainerId()).exec();
    paused.add(name);
  }

  public void unpause(String name) {
    docker.unpauseContainerCmd(container(name).getContainerId()).exec();
    paused.remove(name);
  }

  /** Cuts the node off the cluster network: it can reach no other node and none can reach it. */
  public void disconnect(String name) {
    docker
        .disconnectFromNetworkCmd()
        .withNetworkId(network.network().getId())
        .withContainerId(container(name).getContainerId())
        .withForce(true)
        .exec();
  }

  /** Puts the node back on the network, on its old IP. */
  public void reconnect(String name) {
    NodeSpec spec = spec(name);
    docker
        .connectToNetworkCmd()
        .withNetworkId(network.network().getId())
        .withContainerId(container(name).getContainerId())
        .withContainerNetwork(
            new ContainerNetwork()
                .withAliases(spec.name())
                .withIpamConfig(new ContainerNetwork.Ipam().withIpv4Address(spec.ip())))
        .exec();
  }

  /**
   * Runs the goDFS CLI inside the node's container (its own network view: after {@link #disconnect}
   * only its loopback), e.g. {@code exec("master-2", "fs", "mkdir", "/x", "-m", "127.0.0.1:9090")},
   * as an operator there: the administrator's key file, the node's certificate as its client
   * certificate.
   */
  public ExecResult cli(String name, String... args) {
    List<String> command =
        new ArrayList<>(
            List.of(
                "/opt/java/bin/java",
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-jar",
                "/opt/godfs/godfs.jar"));
    command.addAll(List.of(args));
    command.addAll(List.of("--api-key-file", ClusterLayout.ADMIN_KEY));
    try {
      return container(name)
          .execInContainer(
              ExecConfig.builder()
                  .command(command.toArray(String[]::new))
                  .envVars(
                      Map.of(
                          "GODFS_TLS_CLIENT_CERT_FILE", ClusterLayout.CERTIFICATE,
                          "GODFS_TLS_CLIENT_KEY_FILE", ClusterLayout.KEY))
                  .build());
    } catch (IOException e) {
      throw new IllegalStateException("cannot exec in " + name + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted exec in " + name, e);
    }
  }

  /** A text file of the node's container (e.g. a master's audit trail). */
  public String readFile(String name, String path) {
    return container(name)
        .copyFileFromContainer(path, in -> new String(in.readAllBytes(), StandardCharsets.UTF_8));
  }

  /**
   * Stops every node (SIGTERM, as an operator's restart), removes the containers, then makes and
   * starts new ones on the same IPs and named volumes: only what is on the volumes survives.
   */
  public void recreateAll() {
    closeClients();
    for (String name : List.copyOf(specs.keySet())) {
      saveLogs(name, "before-restart");
      container(name).stop();
    }
    List<GenericContainer<?>> all = new ArrayList<>();
    for (NodeSpec spec : specs.values()) {
      all.add(create(spec));
    }
    Startables.deepStart(all).join();
    awaitReady(specs.keySet());
  }

  private NodeSpec spec(String name) {
    NodeSpec spec = specs.get(name);
    if (spec == null) {
      throw new IllegalArgumentException("no node " + name + " (have " + specs.keySet() + ")");
    }
    return spec;
  }

  private GenericContainer<?> container(String name) {
    spec(name);
    return containers.get(name);
  }

  private void saveLogs(String name, String suffix) {
    GenericContainer<?> container = containers.get(name);
    if (container == null || container.getContainerId() == null) {
      return;
    }
    try {
      Path dir =
          Path.of(
              System.getProperty("godfs.home", ".."),
              "deployments",
              "target",
              "container-logs",
              runId);
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(name + "-" + suffix + ".log"), container.getLogs());
    } catch (IOException | RuntimeException e) {
      System.err.println("could not save the log of " + name + ": " + e.getMessage());
    }
  }

  private void closeClients() {
    for (AutoCloseable client : clients) {
      try {
        client.close();
      } catch (Exception e) {
        // Closing is best effort: the cluster goes away next.
      }
    }
    clients.clear();
  }

  @Override
  public void close() {
    closeClients();
    for (String name : List.copyOf(containers.keySet())) {
      try {
        if (paused.contains(name)) {
          unpause(name);
        }
        saveLogs(name, "final");
        containers.get(name).stop();
      } catch (RuntimeException e) {
        System.err.println("could not remove " + name + ": " + e.getMessage());
      }
    }
    network.close();
    for (NodeSpec spec : specs.values()) {
      try {
        docker.removeVolumeCmd(spec.volume()).exec();
      } catch (RuntimeException e) {
        // Never created (the node did not start) or already gone.
      }
    }
    pki.close();
  }
}
