package io.godfs.bootstrap.cli;

import io.godfs.bootstrap.config.ClientConfig;
import io.godfs.bootstrap.config.Role;
import io.godfs.bootstrap.wiring.ca.CertificateFiles;
import io.godfs.bootstrap.wiring.ca.Enrolment;
import io.godfs.domain.authority.NodeRole;
import io.godfs.domain.error.Outcome;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code godfs join --name alice --dir ~/.godfs/tls}: a user (or a node prepared ahead) gets a
 * certificate from the masters' CA with the one-time token of {@code GODFS_JOIN_TOKEN} (a value or
 * {@code @file}, never a flag): a key made here, a request, the certificate, key and CA file
 * written into the directory. Run again with a valid certificate there, it renews it (no token
 * needed).
 */
@Command(
    name = "join",
    mixinStandardHelpOptions = true,
    description =
        "Get a certificate from the masters' CA with the one-time token of GODFS_JOIN_TOKEN, or"
            + " renew the one in --dir.")
final class JoinCommand extends MasterClientCommand {
  @Option(
      names = "--role",
      defaultValue = "client",
      paramLabel = "ROLE",
      description = "client (default), chunkserver or master: what the token admits.")
  String role;

  @Option(
      names = "--name",
      required = true,
      paramLabel = "NAME",
      description = "The user name or node id to ask for (a token may pin it).")
  String name;

  @Option(
      names = "--dir",
      required = true,
      paramLabel = "DIR",
      description = "Where node.crt, node.key (0600) and ca.crt are written.")
  Path dir;

  @Option(
      names = "--host",
      paramLabel = "NAME",
      description = "A host name or address the certificate names (for a server); repeatable.")
  List<String> hosts = List.of();

  JoinCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  int connectAndRun(ClientConfig config) {
    NodeRole joining;
    try {
      joining = NodeRole.parse(role);
    } catch (IllegalArgumentException e) {
      err().println("godfs: join: " + e.getMessage());
      return GodfsCli.USAGE;
    }
    CertificateFiles files = new CertificateFiles(dir);
    boolean renewing = files.validAt(Instant.now());
    Optional<String> token =
        renewing ? Optional.empty() : ctx.config().joinToken(Role.CLIENT, Map.of());
    try (Enrolment.Enrolled enrolled =
        Enrolment.enrol(
            files,
            config.masterAddress(),
            token,
            joining,
            name,
            hosts,
            joining != NodeRole.CLIENT)) {
      if (renewing && enrolled.renewer().renewNow() instanceof Outcome.Rejected<Instant> refused) {
        err().println("godfs: join: renewal refused: " + refused.error().message());
        return GodfsCli.FAILED;
      }
    } catch (IllegalStateException | IllegalArgumentException e) {
      err().println("godfs: join: " + e.getMessage());
      return GodfsCli.FAILED;
    }
    out()
        .println(
            (renewing ? "Renewed" : "Joined")
                + ": certificate "
                + files.certificate()
                + " valid until "
                + files.current().orElseThrow().getNotAfter().toInstant()
                + ", key "
                + files.key()
                + ", CA "
                + files.authority());
    out()
        .println(
            "Use it: GODFS_TLS_ENABLED=1 GODFS_TLS_CA_FILE="
                + files.authority()
                + " GODFS_TLS_CLIENT_CERT_FILE="
                + files.certificate()
                + " GODFS_TLS_CLIENT_KEY_FILE="
                + files.key());
    return 0;
  }

  @Override
  String operation() {
    return "join";
  }
}
