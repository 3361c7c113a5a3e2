package io.godfs.bootstrap.wiring;

import io.godfs.adapters.identity.ca.BouncyCastleIssuer;
import io.godfs.adapters.metadataratis.LoopbackPorts;
import io.godfs.application.master.CertificateAuthoritySettings;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.config.MasterCertificateSource;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.config.RaftConfig;
import io.godfs.bootstrap.wiring.ca.AuthorityFiles;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * The dev cluster's masters: one with its namespace in memory, or a Ratis group of 3 or 5 on
 * consecutive ports, Raft 100 ports above, each logging under {@code <data>/master-<n>}. The Raft
 * addresses are stored in the group's log, so fixed ports let a dev group restart on its data; with
 * port 0 (any free port) a group is for one run only.
 */
final class DevMasters {
  private static final int RAFT_PORT_OFFSET = 100;

  private DevMasters() {}

  /** Starts the masters into {@code out} and returns their client addresses, comma-separated. */
  static String start(
      DevConfig config,
      Duration deadAfter,
      Duration heartbeat,
      MasterSecurity security,
      IntFunction<MasterMeters> meters,
      List<MasterNode> out) {
    MasterConfig base =
        new MasterConfig(
                config.listenHost(),
                config.masterPort(),
                config.chunkSize(),
                config.replication(),
                deadAfter,
                heartbeat)
            .withTrashGrace(config.trashGrace());
    if (config.masters() == 1) {
      out.add(MasterNode.start(base, security, meters.apply(0)));
      return "127.0.0.1:" + out.getFirst().port();
    }
    int n = config.masters();
    int[] clientPorts = new int[n];
    int[] raftPorts = new int[n];
    List<String> peers = new ArrayList<>();
    List<String> addresses = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      clientPorts[i] = config.masterPort() == 0 ? LoopbackPorts.free() : config.masterPort() + i;
      raftPorts[i] =
          config.masterPort() == 0
              ? LoopbackPorts.free()
              : config.masterPort() + RAFT_PORT_OFFSET + i;
      peers.add("m" + (i + 1) + "@127.0.0.1:" + raftPorts[i] + "@127.0.0.1:" + clientPorts[i]);
      addresses.add("127.0.0.1:" + clientPorts[i]);
    }
    List<MasterConfig> configs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      RaftConfig raft =
          new RaftConfig(
              "m" + (i + 1),
              "127.0.0.1:" + raftPorts[i],
              config.dataDir().resolve("master-" + (i + 1)),
              peers,
              true,
              addresses.get(i));
      configs.add(base.withPort(clientPorts[i]).withRaft(raft));
    }
    if (security.certificateAuthority().isEmpty()) {
      for (int i = 0; i < n; i++) {
        out.add(MasterNode.start(configs.get(i), security, meters.apply(i)));
      }
    } else {
      startTogether(configs, withGroupAuthority(config, security), meters, out);
    }
    return String.join(",", addresses);
  }

  /**
   * The CA the group's Raft certificates come from, made once into {@code <data>/security/ca} (the
   * admin's folder, its key 0600) as an operator's {@code godfs admin certs create} would: each
   * master signs its own from it before its Raft starts, and the first leader installs it.
   */
  private static MasterSecurity withGroupAuthority(DevConfig config, MasterSecurity security) {
    if (!security.certificateSource().equals(MasterCertificateSource.NONE)) {
      return security;
    }
    Path dir = config.dataDir().resolve("security").resolve("ca");
    if (AuthorityFiles.kept(dir).isEmpty()) {
      AuthorityFiles.keep(
          dir,
          new BouncyCastleIssuer()
              .newAuthority(
                  "goDFS dev cluster CA",
                  Instant.now().minus(Duration.ofMinutes(5)),
                  CertificateAuthoritySettings.DEFAULTS.authorityLifetime()));
    }
    return security.withCertificateSource(
        MasterCertificateSource.authorityFiles(
            dir.resolve(AuthorityFiles.KEY), dir.resolve(AuthorityFiles.CERTIFICATE)));
  }

  /**
   * Masters that hold the CA each wait at start for the group's CA, which needs an elected leader,
   * which needs a majority of them running: so they start side by side, not one after another.
   */
  private static void startTogether(
      List<MasterConfig> configs,
      MasterSecurity security,
      IntFunction<MasterMeters> meters,
      List<MasterNode> out) {
    List<Future<MasterNode>> starting = new ArrayList<>();
    try (ExecutorService starters = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < configs.size(); i++) {
        MasterConfig c = configs.get(i);
        MasterMeters meter = meters.apply(i);
        starting.add(starters.submit(() -> MasterNode.start(c, security, meter)));
      }
    }
    RuntimeException failed = null;
    for (Future<MasterNode> f : starting) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        failed = e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failed = new IllegalStateException("interrupted while starting the masters", e);
      }
    }
    if (failed != null) {
      throw failed; // the caller closes the masters that did start
    }
  }
}
