package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.grpc.tls.TlsFileCheck;
import io.godfs.bootstrap.wiring.ca.CertificateFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** godfs admin certs create: a cluster's PEM files, made once, kept on a second run. */
class AdminCertsCommandTest {
  private final CliHarness cli = new CliHarness();

  @TempDir Path dir;

  @Test
  void makesACaNodeCertificatesAndAnAdminKeyOnceAndKeepsThemOnASecondRun() throws Exception {
    Path pki = dir.resolve("pki");
    Path ca = dir.resolve("ca");
    String[] args = {
      "admin",
      "certs",
      "create",
      "--dir",
      pki.toString(),
      "--ca-dir",
      ca.toString(),
      "--node",
      "master-1:master",
      "--node",
      "chunk-1:chunkserver:10.0.0.7,chunk-1.example",
      "--admin",
      "root"
    };
    CliHarness.Result made = cli.run(args);
    assertThat(made.code()).as(made.err()).isZero();

    CertificateFiles chunk = new CertificateFiles(pki.resolve("chunk-1"));
    X509Certificate certificate = chunk.current().orElseThrow();
    assertThat(certificate.getSubjectX500Principal().getName())
        .contains("OU=chunkserver", "CN=chunk-1");
    assertThat(certificate.getSubjectAlternativeNames())
        .extracting(n -> (Object) n.get(1))
        .contains((Object) "chunk-1", "localhost", "127.0.0.1", "10.0.0.7", "chunk-1.example");
    assertThat(TlsFileCheck.keyOf(chunk.certificate(), chunk.key())).isEmpty();
    assertThat(Files.readString(chunk.authority()))
        .isEqualTo(Files.readString(ca.resolve("ca.crt")));
    assertThat(
            new CertificateFiles(pki.resolve("master-1"))
                .current()
                .orElseThrow()
                .getSubjectX500Principal()
                .getName())
        .contains("OU=master", "CN=master-1");
    assertThat(pki.resolve("ca")).doesNotExist(); // the CA's key stays off the nodes' directory
    assertOwnerOnly(ca.resolve("ca.key"));
    assertOwnerOnly(chunk.key());
    assertOwnerOnly(pki.resolve("root.key"));
    String key = Files.readString(pki.resolve("root.key")).strip();
    assertThat(key).startsWith("godfs_");
    assertThat(Files.readString(pki.resolve("api-keys")))
        .doesNotContain(key)
        .containsPattern("root sha256:[0-9a-f]{64} roles=admin");
    assertThat(made.out()).doesNotContain(key);
    assertThat(made.err()).doesNotContain(key);

    byte[] before = Files.readAllBytes(chunk.certificate());
    CliHarness.Result again = cli.run(args);
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(again.out())
        .contains("kept " + chunk.certificate(), "kept " + pki.resolve("root.key"));
    assertThat(Files.readAllBytes(chunk.certificate())).isEqualTo(before);
    assertThat(Files.readString(pki.resolve("root.key")).strip()).isEqualTo(key);
    assertThat(Files.readAllLines(pki.resolve("api-keys")))
        .filteredOn(line -> line.startsWith("root "))
        .hasSize(1);
  }

  @Test
  void refusesANodeWithoutARole() {
    cli.run("admin", "certs", "create", "--dir", dir.toString(), "--node", "chunk-1")
        .failedWith(
            2,
            "godfs admin certs create: --node 'chunk-1' (expected: NAME:ROLE[:SAN,...], e.g."
                + " chunk-1:chunkserver)");
  }

  @Test
  void refusesNamesThatAreNotFileNames() {
    cli.run("admin", "certs", "create", "--dir", dir.toString(), "--admin", "../root")
        .failedWith(
            2,
            "godfs admin certs create: --admin '../root' (expected: letters, digits, '.', '-' or"
                + " '_', it names a file)");
  }

  private static void assertOwnerOnly(Path file) throws IOException {
    assertThat(Files.getPosixFilePermissions(file))
        .as("permissions of %s", file)
        .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
  }
}
