package io.godfs.bootstrap.cli;

import picocli.CommandLine.Option;

/** The {@code --health-listen} option of the server commands that have HTTP health checks. */
final class HealthOption {
  @Option(
      names = "--health-listen",
      paramLabel = "[HOST]:PORT",
      description =
          "Env GODFS_HEALTH_LISTEN; HTTP GET /health/live and /health/ready here, like :9100; default none.")
  String healthListen;
}
