package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.identity.ca.BouncyCastleIssuer;
import io.godfs.adapters.metadataratis.LoopbackPorts;
import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.CertificateAuthorityUseCase.NewJoinToken;
import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.MasterCertificateSource;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.bootstrap.config.RaftConfig;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.bootstrap.wiring.MasterNode;
import io.godfs.bootstrap.wiring.ca.AuthorityFiles;
import io.godfs.bootstrap.wiring.ca.CertificateFiles;
import io.godfs.bootstrap.wiring.ca.Enrolment;
import io.godfs.domain.access.Caller;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.authority.NodeRole;
import io.godfs.domain.error.Outcome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Ratis masters holding the embedded CA: the first leader installs the CA made once for the
 * group (the one their Raft certificates come from), every master serves with a certificate of that
 * one CA, and a token made under one leader is used, once, under the next: the CA key and the
 * tokens are replicated metadata.
 */
class ReplicatedCaIT {
  static final String ROOT_KEY = "root-key-0123456789abcdef";
  static final Caller ROOT =
      Caller.of(Principal.user("root", Set.of(), Set.of(Role.ADMIN)), "test");

  @TempDir Path dir;
  final List<AutoCloseable> running = new ArrayList<>();
  final int[] clientPorts = IntStream.range(0, 3).map(i -> LoopbackPorts.free()).toArray();
  final int[] raftPorts = IntStream.range(0, 3).map(i -> LoopbackPorts.free()).toArray();
  final MasterNode[] masters = new MasterNode[3];

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable c : running.reversed()) {
      c.close();
    }
  }

  MasterNode start(int i) {
    String peers =
        IntStream.range(0, 3)
            .mapToObj(j -> "m" + j + "@127.0.0.1:" + raftPorts[j] + "@127.0.0.1:" + clientPorts[j])
            .collect(Collectors.joining(","));
    return MasterNode.start(
        new MasterConfig(
                "127.0.0.1",
                clientPorts[i],
                1 << 20,
                1,
                Duration.ofSeconds(10),
                Duration.ofMillis(200),
                MasterConfig.DEFAULT_LEASE_TIMEOUT,
                HealingSettings.DEFAULTS.withSafeMode(0, Duration.ZERO))
            .withRaft(
                new RaftConfig(
                    "m" + i,
                    "127.0.0.1:" + raftPorts[i],
                    dir.resolve("raft-m" + i),
                    List.of(peers.split(",")),
                    true,
                    "127.0.0.1:" + clientPorts[i])),
        new MasterSecurity(
                Optional.empty(), Map.of(ROOT_KEY, "root"), Optional.empty(), Optional.empty())
            .withCertificateAuthority(Duration.ofMinutes(10))
            .withCertificateSource(groupCa()));
  }

  /** The CA an operator makes once for a new group (godfs admin certs create's layout). */
  synchronized MasterCertificateSource groupCa() {
    Path ca = dir.resolve("ca");
    if (AuthorityFiles.kept(ca).isEmpty()) {
      AuthorityFiles.keep(
          ca,
          new BouncyCastleIssuer()
              .newAuthority("group CA", Instant.now().minusSeconds(60), Duration.ofDays(1)));
    }
    return MasterCertificateSource.authorityFiles(
        ca.resolve(AuthorityFiles.KEY), ca.resolve(AuthorityFiles.CERTIFICATE));
  }

  int leader() {
    int[] found = {-1};
    Waits.until(
        Duration.ofSeconds(30),
        "a leading master",
        () -> {
          for (int i = 0; i < 3; i++) {
            if (masters[i] != null && masters[i].isLeader()) {
              found[0] = i;
              return true;
            }
          }
          return false;
        });
    return found[0];
  }

  @Test
  void everyMasterServesWithTheOneCaAndATokenMadeUnderOneLeaderWorksOnceUnderTheNext()
      throws Exception {
    // Started together: none can finish starting before a majority elected the CA's maker.
    ExecutorService starters = Executors.newFixedThreadPool(3);
    List<Future<MasterNode>> starting = new ArrayList<>();
    try {
      for (int i = 0; i < 3; i++) {
        int index = i;
        starting.add(starters.submit(() -> start(index)));
      }
      for (int i = 0; i < 3; i++) {
        masters[i] = starting.get(i).get(120, TimeUnit.SECONDS);
        running.add(masters[i]);
      }
    } finally {
      starters.shutdown();
    }
    byte[] ca = Files.readAllBytes(masters[0].ownCertificate().orElseThrow().authority());
    for (MasterNode m : masters) {
      CertificateFiles own = m.ownCertificate().orElseThrow();
      assertThat(Files.readAllBytes(own.authority())).isEqualTo(ca);
      assertThat(own.current().orElseThrow().getSubjectX500Principal().getName())
          .contains("OU=master");
    }

    int first = leader();
    NewJoinToken token =
        ((Outcome.Ok<NewJoinToken>)
                masters[first]
                    .certificateAuthority()
                    .orElseThrow()
                    .useCase()
                    .createJoinToken(
                        ROOT, NodeRole.CHUNKSERVER, Optional.of("cs-1"), Duration.ofHours(1)))
            .value();
    assertThat(masters[first].handOverLeadership()).isTrue();
    int next = leader();
    assertThat(next).isNotEqualTo(first);

    String addresses =
        IntStream.of(clientPorts).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(","));
    Enrolment.Enrolled enrolled =
        Enrolment.enrol(
            new CertificateFiles(dir.resolve("cs-1/tls")),
            addresses,
            Optional.of(token.token()),
            NodeRole.CHUNKSERVER,
            "cs-1",
            List.of("127.0.0.1"),
            true);
    running.add(enrolled);
    ChunkserverNode chunkserver =
        ChunkserverNode.start(
            ChunkserverConfig.of(
                addresses,
                "127.0.0.1",
                0,
                dir.resolve("cs-1"),
                "cs-1",
                null,
                0,
                Duration.ofMillis(200)),
            Optional.empty(),
            Optional.of(enrolled.tls()));
    running.add(chunkserver);
    Waits.until(
        Duration.ofSeconds(30), "cs-1 to register with the new leader", chunkserver::isRegistered);

    // Used under the new leader: refused now, saying why.
    assertThatThrownBy(
            () ->
                Enrolment.enrol(
                    new CertificateFiles(dir.resolve("again/tls")),
                    addresses,
                    Optional.of(token.token()),
                    NodeRole.CHUNKSERVER,
                    "cs-1",
                    List.of(),
                    true))
        .hasMessageContaining("join token already used");
    assertThat(enrolled.renewer().renewNow()).isInstanceOf(Outcome.Ok.class);

    // A restarted master finds the CA in its own Raft log and serves with a certificate of it.
    running.remove(masters[first]);
    masters[first].close();
    masters[first] = start(first);
    running.add(masters[first]);
    assertThat(Files.readAllBytes(masters[first].ownCertificate().orElseThrow().authority()))
        .isEqualTo(ca);
  }
}
