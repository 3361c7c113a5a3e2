package io.godfs.client;

import io.godfs.adapters.grpc.tls.GrpcTls;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user's own list of which credential to present to which master, as {@code ~/.pgpass} or
 * {@code ~/.netrc} do for their tools: {@code ~/.godfs/credentials} (or {@code
 * GODFS_CREDENTIALS_FILE}), one line per master address:
 *
 * <pre>
 * 127.0.0.1:9090 @/home/me/godfs-data/security/admin.key ca=/home/me/godfs-data/security/ca.pem
 * </pre>
 *
 * The credential is {@code @file} (the file holds it) or the value itself; {@code ca=} names the
 * certificate authority to trust for that master's TLS. A client that is given no credential looks
 * its master up here, by the exact address it was given, so a credential is presented only to the
 * master it was written down for. {@code godfs dev} writes its lines at start and removes them when
 * it stops, which is how the CLI and the SDK reach a secured dev cluster with no setup.
 */
public final class CredentialsFile {
  /** Overrides where the file is. */
  public static final String LOCATION_VARIABLE = "GODFS_CREDENTIALS_FILE";

  /** What to present to one master. */
  public record Entry(String credential, Optional<Path> ca) {
    /** Never the credential itself. */
    @Override
    public String toString() {
      return "Entry[credential=(hidden), ca=" + ca.map(Path::toString).orElse("-") + "]";
    }
  }

  private CredentialsFile() {}

  /** TLS for a client that trusts {@code ca} and presents no certificate of its own. */
  public static GrpcTls trusting(Path ca) {
    return new GrpcTls(
        Optional.empty(), Optional.empty(), List.of(ca), Optional.of(Duration.ofSeconds(5)));
  }

  /** {@code GODFS_CREDENTIALS_FILE} from {@code env}, else {@code ~/.godfs/credentials}. */
  public static Path location(Map<String, String> env) {
    String set = env.get(LOCATION_VARIABLE);
    if (set != null && !set.isBlank()) {
      return Path.of(set.strip());
    }
    return Path.of(System.getProperty("user.home"), ".godfs", "credentials");
  }

  /**
   * The entry of the first of {@code masterAddresses} (comma-separated) that {@code file} lists;
   * empty when the file or every line is missing. A line whose {@code @file} cannot be read is
   * skipped: a dev cluster's data folder may have been deleted since.
   */
  public static Optional<Entry> find(Path file, String masterAddresses) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
    for (String address : masterAddresses.split(",")) {
      for (String line : lines) {
        String[] fields = line.strip().split("\\s+");
        if (fields.length >= 2 && fields[0].equals(address.strip())) {
          Optional<Entry> entry = entry(fields);
          if (entry.isPresent()) {
            return entry;
          }
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Entry> entry(String[] fields) {
    String credential = fields[1];
    if (credential.startsWith("@")) {
      try {
        credential = Files.readString(Path.of(credential.substring(1))).strip();
      } catch (IOException e) {
        return Optional.empty();
      }
    }
    Optional<Path> ca = Optional.empty();
    for (int i = 2; i < fields.length; i++) {
      if (fields[i].startsWith("ca=")) {
        ca = Optional.of(Path.of(fields[i].substring(3)));
      }
    }
    return credential.isEmpty() ? Optional.empty() : Optional.of(new Entry(credential, ca));
  }

  /**
   * Writes one line per address, replacing the lines of those addresses: {@code credentialFile} (as
   * {@code @file}; the secret itself never goes into this file) and {@code ca} when given. The file
   * is created readable by its owner only, and rewritten whole under a lock.
   */
  public static void remember(
      Path file, Collection<String> addresses, Path credentialFile, Optional<Path> ca) {
    List<String> added = new ArrayList<>();
    for (String address : addresses) {
      added.add(
          address
              + " @"
              + credentialFile.toAbsolutePath()
              + ca.map(p -> " ca=" + p.toAbsolutePath()).orElse(""));
    }
    rewrite(file, addresses, added);
  }

  /** Removes the lines of {@code addresses}. */
  public static void forget(Path file, Collection<String> addresses) {
    if (Files.exists(file)) {
      rewrite(file, addresses, List.of());
    }
  }

  private static void rewrite(Path file, Collection<String> replaced, List<String> added) {
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path lockFile = dir.resolve("." + file.getFileName() + ".lock");
      try (FileChannel lock =
              FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock held = lock.lock()) {
        List<String> kept = new ArrayList<>();
        if (Files.exists(file)) {
          for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String first = line.strip().split("\\s+")[0];
            if (!replaced.contains(first)) {
              kept.add(line);
            }
          }
        }
        kept.addAll(added);
        Path temp = dir.resolve("." + file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        Files.createFile(
            temp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(temp, kept, StandardCharsets.UTF_8);
        try {
          Files.move(
              temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + file + ": " + e.getMessage(), e);
    }
  }
}
