package io.godfs.bootstrap.cli;

import io.godfs.adapters.identity.ca.BouncyCastleIssuer;
import io.godfs.adapters.identity.ca.SigningRequests;
import io.godfs.application.port.in.CertificateAuthorityUseCase.SignedCertificate;
import io.godfs.application.port.out.CertificateIssuer;
import io.godfs.bootstrap.config.Durations;
import io.godfs.bootstrap.wiring.ca.CertificateFiles;
import io.godfs.bootstrap.wiring.ca.Pem;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.NodeRole;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code godfs admin certs create --dir D --node master-1:master --node chunk-1:chunkserver ...
 * --admin root}: the PEM files of a cluster secured with {@code GODFS_TLS_*}, made where they are
 * needed (a deployment's one-shot step; the image has no shell or openssl). A CA (kept in {@code
 * --ca-dir}, made once), for each node {@code D/NAME/node.crt, node.key, ca.crt} (the embedded CA's
 * layout; subject {@code OU=ROLE, CN=NAME}, valid for NAME, localhost, 127.0.0.1 and the extra
 * names given), and for each {@code --admin USER} a key in {@code D/api-keys} (hashed) and in
 * {@code D/USER.key}. Run again, it keeps what exists and is valid, so a restart changes nothing;
 * no secret is printed.
 */
@Command(
    name = "certs",
    mixinStandardHelpOptions = true,
    description =
        "Make a cluster's CA, node certificates and admin keys as PEM files: godfs admin certs"
            + " create --dir DIR --node NAME:ROLE[:SAN,...] [--admin USER].")
final class AdminCertsCommand implements Callable<Integer> {
  static final String CA_KEY = "ca.key";
  static final String CA_CERTIFICATE = "ca.crt";
  static final String API_KEYS = "api-keys";

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "ACTION", description = "create.")
  String action;

  @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Where to write.")
  Path dir;

  @Option(
      names = "--ca-dir",
      paramLabel = "DIR",
      description = "Where the CA's key is kept (keep it off the nodes); default: DIR/ca.")
  Path caDir;

  @Option(
      names = "--node",
      paramLabel = "NAME:ROLE[:SAN,...]",
      description = "A certificate for NAME as master, chunkserver or client; repeatable.")
  List<String> nodes = new ArrayList<>();

  @Option(
      names = "--admin",
      paramLabel = "USER",
      description = "An API key with the admin role for USER, into DIR/api-keys and DIR/USER.key.")
  List<String> admins = new ArrayList<>();

  @Option(
      names = "--lifetime",
      paramLabel = "DURATION",
      description =
          "How long node certificates are valid; default 8760h, a year (the CA: ten years).")
  String lifetime = "8760h";

  private final BouncyCastleIssuer issuer = new BouncyCastleIssuer();

  AdminCertsCommand() {}

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!"create".equals(action)) {
      err.println("godfs admin certs: unknown action '" + action + "' (expected: create)");
      return 2;
    }
    Duration validity;
    List<NodeSpec> specs = new ArrayList<>();
    try {
      validity = Durations.parse(lifetime);
      for (String node : nodes) {
        specs.add(NodeSpec.parse(node));
      }
      for (String admin : admins) {
        fileName("--admin", admin);
      }
    } catch (IllegalArgumentException e) {
      err.println("godfs admin certs create: " + e.getMessage());
      return 2;
    }
    Files.createDirectories(dir);
    Path cas = caDir == null ? dir.resolve("ca") : caDir;
    AuthorityKeys authority = authority(cas, out);
    Instant now = Instant.now();
    for (NodeSpec node : specs) {
      CertificateFiles files = new CertificateFiles(dir.resolve(node.name()));
      if (files.validAt(now.plus(validity.dividedBy(3))) && sameAuthority(files, authority)) {
        out.println("kept " + files.certificate());
        continue;
      }
      KeyPair keys = BouncyCastleIssuer.newKeyPair();
      byte[] der =
          issuer.issue(
              authority,
              new CertificateIssuer.SigningRequest(
                  SigningRequests.build(keys, Optional.of(node.name()), node.altNames()),
                  Optional.of(node.name()),
                  node.altNames()),
              new CertificateIssuer.Issue(
                  node.role(),
                  node.name(),
                  node.altNames(),
                  now.minus(Duration.ofMinutes(5)),
                  now.plus(validity)));
      files.write(
          new SignedCertificate(der, authority.certificate(), now.plus(validity)),
          keys.getPrivate());
      out.println(
          "made " + files.certificate() + " (" + node.role().label() + " " + node.name() + ")");
    }
    for (String admin : admins) {
      Path keyFile = dir.resolve(admin + ".key");
      if (Files.exists(keyFile)) {
        out.println("kept " + keyFile);
        continue;
      }
      AdminKeysFile keys = new AdminKeysFile(dir.resolve(API_KEYS));
      Pem.replace(keyFile, keys.addAdminKey(admin) + "\n", true);
      out.println(
          "made " + keyFile + " (the admin key of " + admin + "; its hash in " + keys + ")");
    }
    return 0;
  }

  /** The CA in {@code cas}, made (ten years) when it has none. */
  private AuthorityKeys authority(Path cas, PrintWriter out) throws IOException {
    Path key = cas.resolve(CA_KEY);
    Path certificate = cas.resolve(CA_CERTIFICATE);
    if (Files.exists(key) && Files.exists(certificate)) {
      try {
        return new AuthorityKeys(
            Pem.decode(Files.readString(key)),
            Pem.decode(Files.readString(certificate)),
            Instant.now());
      } catch (IllegalArgumentException notPem) {
        throw new IOException("the CA in " + cas + " is not PEM: " + notPem.getMessage(), notPem);
      }
    }
    AuthorityKeys made =
        issuer.newAuthority(
            "goDFS cluster CA", Instant.now().minus(Duration.ofMinutes(5)), Duration.ofDays(3650));
    Files.createDirectories(cas);
    Pem.replace(key, Pem.encode("PRIVATE KEY", made.privateKey()), true);
    Files.writeString(certificate, Pem.encode("CERTIFICATE", made.certificate()));
    out.println("made the CA " + certificate + " (its key: " + key + ")");
    return made;
  }

  private static boolean sameAuthority(CertificateFiles files, AuthorityKeys authority) {
    try {
      X509Certificate ca =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(authority.certificate()));
      return files
              .current()
              .map(c -> c.getIssuerX500Principal().equals(ca.getSubjectX500Principal()))
              .orElse(false)
          && Files.exists(files.authority())
          && Files.readString(files.authority())
              .equals(Pem.encode("CERTIFICATE", authority.certificate()));
    } catch (CertificateException | IOException e) {
      return false;
    }
  }

  /** A name that becomes a file or directory name: letters, digits, dot, dash, underscore. */
  static String fileName(String option, String name) {
    if (!name.matches("[A-Za-z0-9_][A-Za-z0-9._-]{0,62}")) {
      throw new IllegalArgumentException(
          option + " '" + name + "' (expected: letters, digits, '.', '-' or '_', it names a file)");
    }
    return name;
  }

  /** {@code NAME:ROLE[:SAN,...]}. */
  record NodeSpec(String name, NodeRole role, List<String> altNames) {
    static NodeSpec parse(String text) {
      String[] parts = text.split(":", 3);
      if (parts.length < 2 || parts[0].isBlank()) {
        throw new IllegalArgumentException(
            "--node '" + text + "' (expected: NAME:ROLE[:SAN,...], e.g. chunk-1:chunkserver)");
      }
      fileName("--node", parts[0]);
      List<String> names = new ArrayList<>(List.of(parts[0], "localhost", "127.0.0.1"));
      if (parts.length == 3) {
        for (String san : parts[2].split(",")) {
          if (!san.isBlank() && !names.contains(san.strip())) {
            names.add(san.strip());
          }
        }
      }
      return new NodeSpec(parts[0], NodeRole.parse(parts[1]), List.copyOf(names));
    }
  }
}
