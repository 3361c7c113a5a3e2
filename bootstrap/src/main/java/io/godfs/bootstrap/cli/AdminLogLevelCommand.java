package io.godfs.bootstrap.cli;

import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.adapters.grpc.tls.TlsManagers;
import io.godfs.bootstrap.config.ConfigException;
import io.godfs.bootstrap.config.Durations;
import io.godfs.bootstrap.config.Role;
import io.godfs.bootstrap.logging.FlatJson;
import io.godfs.bootstrap.logging.LogLevelNames;
import io.godfs.bootstrap.logging.LogLevelSpec;
import io.godfs.bootstrap.logging.LogLevels;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code godfs admin log-level HOST:PORT LOGGER LEVEL [--for 15m]}: sets a node's log level for a
 * while through {@code PUT /loggers/<LOGGER>} on its listener (ADR 0023, "Logs"), presenting the
 * operator's client certificate ({@code GODFS_TLS_CLIENT_CERT_FILE} and {@code _KEY_FILE}, the node
 * checked against {@code GODFS_TLS_CA_FILE}); a node reverts the level by itself when the time is
 * up. Without {@code GODFS_TLS_ENABLED} it speaks plain HTTP, which only an insecure node answers.
 */
@Command(
    name = "log-level",
    mixinStandardHelpOptions = true,
    description =
        "Set a node's log level for a while (reverted by the node): godfs admin log-level"
            + " HOST:PORT LOGGER LEVEL [--for 15m]. HOST:PORT is the node's health listener; LOGGER"
            + " a logger name or root; LEVEL trace, debug, info, warn, error or off. Presents"
            + " GODFS_TLS_CLIENT_CERT_FILE/_KEY_FILE, checks the node against GODFS_TLS_CA_FILE.")
final class AdminLogLevelCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final CliContext ctx;

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "HOST:PORT", description = "The node's listener.")
  String node;

  @Parameters(index = "1", paramLabel = "LOGGER", description = "A logger name, or root.")
  String logger;

  @Parameters(index = "2", paramLabel = "LEVEL", description = "trace, debug, info, warn, ...")
  String level;

  @Option(
      names = "--for",
      paramLabel = "DURATION",
      description = "How long until the node reverts it (default 15m, at most 24h).")
  String forHowLong = "15m";

  AdminLogLevelCommand(CliContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String failed = "godfs: admin log-level " + DfsPath.controlsEscaped(node) + ": ";
    Optional<GrpcTls> tls;
    URI uri;
    try {
      LogLevelSpec.loggerName(logger);
      LogLevelNames.parse(level);
      Duration duration = Durations.parse(forHowLong);
      if (duration.isZero() || duration.compareTo(LogLevels.MAX_FOR) > 0) {
        throw new IllegalArgumentException("--for " + forHowLong + " (expected: 1ms to 24h)");
      }
      tls = ctx.config().tls(Role.CLIENT, Map.of());
      if (tls.isPresent()
          && (tls.get().client().isEmpty() || tls.get().trustedAuthorities().isEmpty())) {
        throw new IllegalArgumentException(
            "a log level is changed with the operator's client certificate: set"
                + " GODFS_TLS_CLIENT_CERT_FILE, GODFS_TLS_CLIENT_KEY_FILE and GODFS_TLS_CA_FILE");
      }
      uri =
          URI.create(
              (tls.isPresent() ? "https://" : "http://") + node.strip() + "/loggers/" + logger);
      if (uri.getHost() == null || uri.getPort() < 0) {
        throw new IllegalArgumentException("not HOST:PORT: " + node);
      }
    } catch (IllegalArgumentException | ConfigException e) {
      err.println(DfsPath.controlsEscaped(failed + e.getMessage()));
      return GodfsCli.USAGE;
    }
    String body =
        "{\"level\":" + FlatJson.quoted(level) + ",\"for\":" + FlatJson.quoted(forHowLong) + "}";
    try (HttpClient http = client(tls)) {
      HttpResponse<String> response =
          http.send(
              HttpRequest.newBuilder(uri)
                  .timeout(TIMEOUT)
                  .header("Content-Type", "application/json")
                  .PUT(HttpRequest.BodyPublishers.ofString(body))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      Map<String, String> answer = answer(response.body());
      if (response.statusCode() != 200) {
        err.println(
            DfsPath.controlsEscaped(
                failed
                    + "refused ("
                    + response.statusCode()
                    + "): "
                    + answer.getOrDefault("error", response.body())));
        return GodfsCli.FAILED;
      }
      out.println(
          DfsPath.controlsEscaped(
              answer.getOrDefault("logger", logger)
                  + ": "
                  + answer.getOrDefault("level", level)
                  + " until "
                  + answer.getOrDefault("until", "?")
                  + ", then "
                  + answer.getOrDefault("reverts_to", "?")));
      return 0;
    } catch (IOException e) {
      err.println(
          DfsPath.controlsEscaped(
              failed
                  + "cannot reach the node: "
                  + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
      return GodfsCli.FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err.println(failed + "interrupted");
      return GodfsCli.FAILED;
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static Map<String, String> answer(String body) {
    try {
      return FlatJson.parse(body);
    } catch (IllegalArgumentException e) {
      return Map.of();
    }
  }

  private static HttpClient client(Optional<GrpcTls> tls) {
    HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(TIMEOUT);
    if (tls.isPresent()) {
      GrpcTls settings = tls.get();
      KeyManager[] keys = {
        TlsManagers.presenting(
            "client certificate", settings.client().orElseThrow(), Optional.empty())
      };
      TrustManager[] trust = {
        TlsManagers.trusting(settings.trustedAuthorities(), Optional.empty())
      };
      try {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys, trust, null);
        SSLParameters parameters = context.getDefaultSSLParameters();
        parameters.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
        builder.sslContext(context).sslParameters(parameters);
      } catch (GeneralSecurityException e) {
        throw new IllegalArgumentException("TLS cannot be set up: " + e.getMessage(), e);
      }
    }
    return builder.build();
  }
}
