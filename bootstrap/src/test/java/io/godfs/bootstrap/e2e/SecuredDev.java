package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.grpc.tls.TlsManagers;
import io.godfs.application.client.ClientSettings;
import io.godfs.bootstrap.cli.CliContext;
import io.godfs.bootstrap.cli.GodfsCli;
import io.godfs.bootstrap.cli.WiringNodeLauncher;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.wiring.DevCluster;
import io.godfs.client.CredentialsFile;
import io.godfs.client.GodfsClient;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

/**
 * A secured {@code godfs dev} cluster for an integration test, as a newcomer runs it: security on,
 * the admin's credential found in the credentials file the cluster wrote, an SDK client for it, and
 * the {@code godfs} command line run in this JVM against the cluster. Closes its client and
 * cluster.
 */
final class SecuredDev implements AutoCloseable {
  final DevCluster dev;
  final Path credentials;
  final Path ca;
  final String adminKey;
  final GodfsClient admin;

  private SecuredDev(DevCluster dev, Path credentials) {
    this.dev = dev;
    this.credentials = credentials;
    this.ca = dev.authorityFile().orElseThrow();
    this.adminKey =
        CredentialsFile.find(credentials, dev.masterAddresses()).orElseThrow().credential();
    this.admin = client(adminKey);
  }

  /** {@code config} (secured here, with the credentials file under {@code dir}) started. */
  static SecuredDev start(Path dir, UnaryOperator<DevConfig> config) {
    Path credentials = dir.resolve("home/.godfs/credentials");
    DevConfig base = new DevConfig(dir.resolve("data"), "127.0.0.1", 0, 0, 3, 1 << 20, 3, 0, 1);
    DevCluster dev =
        DevCluster.start(
            config.apply(base).withSecurity(new DevConfig.Security(true, credentials)));
    try {
      return new SecuredDev(dev, credentials);
    } catch (RuntimeException e) {
      dev.close();
      throw e;
    }
  }

  /** An SDK client with {@code key}, trusting the cluster's CA. */
  GodfsClient client(String key) {
    return GodfsClient.connect(
        dev.masterAddresses(),
        ClientSettings.DEFAULTS,
        Optional.of(key),
        Optional.of(CredentialsFile.trusting(ca)));
  }

  /** An HTTP client for the gateway's HTTPS port, trusting the cluster's CA. */
  HttpClient https() {
    try {
      SSLContext tls = SSLContext.getInstance("TLSv1.3");
      tls.init(
          null, new TrustManager[] {TlsManagers.trusting(List.of(ca), Optional.empty())}, null);
      return HttpClient.newBuilder().sslContext(tls).build();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no TLS 1.3 context", e);
    }
  }

  /** The gateway's {@code /v1/fs} routes, over HTTPS. */
  String fsUrl() {
    return "https://127.0.0.1:" + dev.gatewayPort() + "/v1/fs";
  }

  /** {@code godfs ARGS} as the admin; fails the test unless it exits 0; answers what it printed. */
  String godfsOk(String... args) {
    String[] run = godfs(args);
    assertThat(run[0]).as("godfs %s: %s", String.join(" ", args), run[2]).isEqualTo("0");
    return run[1];
  }

  /** {@code godfs ARGS} in this JVM, as a user on this machine runs it (credentials file). */
  String[] godfs(String... args) {
    return godfs(Map.of("GODFS_CREDENTIALS_FILE", credentials.toString()), args);
  }

  /**
   * {@code godfs ARGS} in this JVM with {@code env} (and the dev master's address): code, out, err.
   */
  String[] godfs(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> all = new HashMap<>(env);
    all.put("GODFS_MASTER", dev.masterAddresses());
    CliContext ctx =
        new CliContext(
            all,
            new WiringNodeLauncher(),
            config ->
                GodfsClient.connect(
                    config.masterAddress(), ClientSettings.DEFAULTS, config.apiKey(), config.tls()),
            (name, node, errors) -> {},
            new ByteArrayInputStream(new byte[0]),
            new ByteArrayOutputStream(),
            false);
    int code = GodfsCli.execute(ctx, new PrintWriter(out), new PrintWriter(err), args);
    return new String[] {String.valueOf(code), out.toString(), err.toString()};
  }

  @Override
  public void close() {
    try {
      admin.close();
    } finally {
      dev.close();
    }
  }
}
