package io.godfs.bootstrap.cli;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcCertificateAuthorityClient;
import io.godfs.application.port.in.CertificateAuthorityUseCase.NewJoinToken;
import io.godfs.bootstrap.config.ClientConfig;
import io.godfs.bootstrap.config.Durations;
import io.godfs.domain.authority.NodeRole;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.Outcome;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code godfs admin token create --role chunkserver|master|client [--name N] [--ttl 1h]}: a
 * one-time join token from the masters' certificate authority, printed once (the masters keep only
 * its hash). A new node starts with it in {@code GODFS_JOIN_TOKEN} (a value or {@code @file}).
 */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description =
        "Create a one-time join token (admin): a new node or user gets a certificate with it.")
final class AdminTokenCommand extends MasterClientCommand {
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  enum Action {
    create
  }

  @Parameters(index = "0", paramLabel = "ACTION", description = "create.")
  Action action;

  @Option(
      names = "--role",
      required = true,
      paramLabel = "ROLE",
      description = "What the token admits: chunkserver, master or client.")
  String role;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description =
          "The node id or user name the certificate will carry (default: the joining party's own).")
  String name;

  @Option(
      names = "--ttl",
      paramLabel = "DURATION",
      defaultValue = "1h",
      description = "How long the token may be used, like 15m or 24h (default 1h, at most 7d).")
  String ttl;

  AdminTokenCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int connectAndRun(ClientConfig config) {
    NodeRole admits;
    Duration lifetime;
    try {
      admits = NodeRole.parse(role);
      lifetime = Durations.parse(ttl);
    } catch (IllegalArgumentException e) {
      err().println("godfs: admin token create: " + e.getMessage());
      return GodfsCli.USAGE;
    }
    Outcome<NewJoinToken> made;
    try (ChannelPool channels = new ChannelPool(config.apiKey(), config.tls())) {
      made =
          new GrpcCertificateAuthorityClient(config.masterAddress(), channels, DEADLINE)
              .createJoinToken(admits, Optional.ofNullable(name), lifetime);
    }
    switch (made) {
      case Outcome.Ok<NewJoinToken> ok -> {
        out().println(ok.value().token());
        err()
            .println(
                "A one-time join token for a "
                    + admits.label()
                    + (name == null ? "" : " named " + name)
                    + ", valid until "
                    + ok.value().expires()
                    + " (CA sha256:"
                    + ok.value().caFingerprint()
                    + "). It is shown only now: give it to the new node as GODFS_JOIN_TOKEN.");
        return 0;
      }
      case Outcome.Rejected<NewJoinToken> refused -> throw new DfsException(refused.error());
    }
  }

  @Override
  String operation() {
    return "token " + action;
  }

  @Override
  String failedCommand() {
    return "admin " + operation();
  }
}
