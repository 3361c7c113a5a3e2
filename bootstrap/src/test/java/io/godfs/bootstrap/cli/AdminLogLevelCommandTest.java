package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TestCertificates;
import io.godfs.adapters.grpc.tls.TestCertificates.Ca;
import io.godfs.adapters.grpc.tls.TestCertificates.Issued;
import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.bootstrap.wiring.NodeListener;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code godfs admin log-level} against a real node listener over HTTPS: the operator's client
 * certificate changes the level; without one the command says which settings it needs.
 */
class AdminLogLevelCommandTest {
  @TempDir static Path pki;
  @TempDir Path dir;
  static Ca ca;
  static Issued node;
  static Issued operator;

  final CliHarness cli = new CliHarness();
  NodeListener listener;

  @BeforeAll
  static void certificates() {
    ca = TestCertificates.newCa(pki.resolve("ca"), "cluster-ca");
    node = ca.issue("CN=m1,OU=master");
    operator = ca.issue("CN=alice,OU=client");
  }

  @BeforeEach
  void start() throws Exception {
    Path token = dir.resolve("scrape-token");
    Files.writeString(token, "t".repeat(40));
    listener =
        NodeListener.start(
            "127.0.0.1",
            0,
            Optional::empty,
            Optional.of(
                new GrpcTls(
                    Optional.of(node.files()),
                    Optional.empty(),
                    List.of(ca.certificate()),
                    Optional.of(Duration.ofSeconds(1)))),
            false,
            Optional.of(
                new NodeListener.Metrics(
                    NodeMetrics.of("goDFS test", "master", "m1").handler(), Optional.of(token))));
    cli.env.put("GODFS_TLS_ENABLED", "1");
    cli.env.put("GODFS_TLS_CA_FILE", ca.certificate().toString());
  }

  @AfterEach
  void stop() {
    listener.close();
  }

  @Test
  void theOperatorsCertificateSetsTheLevelUntilTheNodeRevertsIt() {
    cli.env.put("GODFS_TLS_CLIENT_CERT_FILE", operator.chain().toString());
    cli.env.put("GODFS_TLS_CLIENT_KEY_FILE", operator.key().toString());
    String name = "io.godfs.test.cli.loglevel";

    CliHarness.Result result =
        cli.run(
            "admin", "log-level", "127.0.0.1:" + listener.port(), name, "debug", "--for", "10m");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).startsWith(name + ": DEBUG until ").contains(", then inherited");
    assertThat(Logger.getLogger(name).getLevel()).isEqualTo(Level.FINE);
  }

  @Test
  void withoutAClientCertificateItSaysWhatToSet() {
    cli.run("admin", "log-level", "127.0.0.1:" + listener.port(), "io.godfs", "debug")
        .failedWith(
            GodfsCli.USAGE,
            "godfs: admin log-level 127.0.0.1:"
                + listener.port()
                + ": a log level is changed with the operator's client certificate: set"
                + " GODFS_TLS_CLIENT_CERT_FILE, GODFS_TLS_CLIENT_KEY_FILE and GODFS_TLS_CA_FILE");
  }

  @Test
  void aBadLevelOrDurationIsRefusedBeforeAnythingIsSent() {
    cli.run("admin", "log-level", "127.0.0.1:1", "io.godfs", "loud")
        .failedWith(
            GodfsCli.USAGE,
            "godfs: admin log-level 127.0.0.1:1: not a log level: 'loud' (expected: trace, debug,"
                + " info, warn (or warning), error, off or all)");
    cli.run("admin", "log-level", "127.0.0.1:1", "io.godfs", "debug", "--for", "48h")
        .failedWith(
            GodfsCli.USAGE, "godfs: admin log-level 127.0.0.1:1: --for 48h (expected: 1ms to 24h)");
  }
}
