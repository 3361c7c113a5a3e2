package io.godfs.bootstrap.wiring;

import io.godfs.adapters.identity.ApiKeyFile;
import io.godfs.bootstrap.config.AuditConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The credentials of a secured dev cluster, made on its first start and kept in {@code
 * <data>/security} (readable by its owner only), so that a restart on the same data keeps them: an
 * API keys file with one {@code admin} user, that user's key in {@code admin.key}, and the cluster
 * key its chunkservers present. The masters check every caller, hold the cluster's certificate
 * authority (every connection is TLS) and keep the audit trail in {@code audit.log} beside them.
 *
 * @param folder {@code <data>/security}
 * @param adminKeyFile the file that holds the admin's API key (what {@code godfs dev} points users
 *     to)
 * @param clusterKey what the dev chunkservers present to the masters
 */
public record DevSecurity(Path folder, Path adminKeyFile, String clusterKey) {
  static final String ADMIN = "admin";
  static final Duration CERTIFICATE_LIFETIME = Duration.ofHours(24);

  /** Reads the credentials of {@code dataDir}, making those that are missing. */
  public static DevSecurity prepare(Path dataDir) {
    Path folder = dataDir.resolve("security");
    SecureRandom random = new SecureRandom();
    try {
      Files.createDirectories(folder);
      Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
      Path keys = folder.resolve("api-keys");
      Path adminKey = folder.resolve("admin.key");
      if (!Files.exists(adminKey) || !Files.exists(keys)) {
        Files.deleteIfExists(keys);
        String key =
            ApiKeyFile.addKey(keys, Principal.user(ADMIN, Set.of(), Set.of(Role.ADMIN)), random);
        writeSecret(adminKey, key);
      }
      Path clusterKeyFile = folder.resolve("cluster.key");
      if (!Files.exists(clusterKeyFile)) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        writeSecret(clusterKeyFile, HexFormat.of().formatHex(bytes));
      }
      return new DevSecurity(folder, adminKey, Files.readString(clusterKeyFile).strip());
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare the dev cluster's credentials in " + folder + ": " + e.getMessage(), e);
    }
  }

  /** What the dev masters check. */
  public MasterSecurity masters() {
    return new MasterSecurity(
            Optional.of(folder.resolve("api-keys")),
            Map.of(),
            Optional.empty(),
            Optional.of(clusterKey))
        .withAudit(new AuditConfig(true, Optional.of(folder.resolve("audit.log")), 64L << 20, 3))
        // The masters are the CA: every node's certificate is issued in process, renewed by itself.
        .withCertificateAuthority(CERTIFICATE_LIFETIME);
  }

  /** The admin's API key. */
  public String adminKey() {
    try {
      return Files.readString(adminKeyFile).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + adminKeyFile + ": " + e.getMessage(), e);
    }
  }

  /** Never the cluster key. */
  @Override
  public String toString() {
    return "DevSecurity[folder=" + folder + ", adminKeyFile=" + adminKeyFile + "]";
  }

  private static void writeSecret(Path file, String secret) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, secret + "\n");
  }
}
