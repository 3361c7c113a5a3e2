package io.godfs.adapters.identity;

import io.godfs.application.port.out.CredentialVerifier;
import io.godfs.domain.access.Principal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * API keys kept in a file as hashes with their users, roles and groups (see {@link ApiKeyEntry}).
 * The file is read again when it changes, checked at most once a second, so a key added or revoked
 * takes effect without a restart. A file that no longer parses keeps the keys read before and says
 * why in the log; one that is wrong at start stops the start.
 */
public final class ApiKeyFile implements CredentialVerifier {
  private static final System.Logger LOG = System.getLogger(ApiKeyFile.class.getName());
  private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

  private final Path file;
  private final long checkEveryNanos;
  private volatile Keys keys;
  private volatile long nextCheck;

  private ApiKeyFile(Path file, Keys keys, Duration checkEvery) {
    this.file = file;
    this.keys = keys;
    this.checkEveryNanos = checkEvery.toNanos();
    this.nextCheck = System.nanoTime() + checkEveryNanos;
  }

  /** Reads {@code file}; an IllegalArgumentException names the file, the line and the problem. */
  public static ApiKeyFile open(Path file) {
    return open(file, CHECK_EVERY);
  }

  /** As {@link #open(Path)}, looking for changes at most every {@code checkEvery}. */
  static ApiKeyFile open(Path file, Duration checkEvery) {
    return new ApiKeyFile(file, Keys.read(file), checkEvery);
  }

  /**
   * Adds a key for {@code user} to {@code file} (made, readable by its owner only, if missing) and
   * returns it: the only time the key is seen, since the file keeps its hash.
   */
  public static String addKey(Path file, Principal.User user, SecureRandom random) {
    String key = ApiKey.generate(random);
    String line = new ApiKeyEntry(ApiKey.hash(key), user).line() + System.lineSeparator();
    try {
      if (!Files.exists(file)) {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(
            file,
            "# goDFS API keys: USER sha256:HEX [roles=...] [groups=...] [uid=N gid=N [gids=N,...]]"
                + System.lineSeparator());
      }
      Files.writeString(file, line, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the API keys file " + file + ": " + e, e);
    }
    return key;
  }

  @Override
  public Verdict verify(String bearer) {
    reloadIfChanged();
    Principal.User user = keys.byHash().get(ApiKey.hash(bearer));
    if (user != null) {
      return new Verdict.Accepted(user);
    }
    if (bearer.startsWith(ApiKey.PREFIX)) {
      return new Verdict.Refused("unknown API key (revoked, mistyped, or from another cluster)");
    }
    return new Verdict.NotMine();
  }

  @Override
  public String describe() {
    return "the API keys in " + file;
  }

  /** How many keys the file holds now. */
  public int size() {
    reloadIfChanged();
    return keys.byHash().size();
  }

  private void reloadIfChanged() {
    long now = System.nanoTime();
    if (now - nextCheck < 0) {
      return;
    }
    synchronized (this) {
      if (now - nextCheck < 0) {
        return;
      }
      nextCheck = now + checkEveryNanos;
      Keys before = keys;
      if (before.stamp().equals(Stamp.of(file))) {
        return;
      }
      try {
        keys = Keys.read(file);
        LOG.log(Level.INFO, "read " + keys.byHash().size() + " API keys from " + file);
      } catch (RuntimeException e) {
        keys = new Keys(before.byHash(), Stamp.of(file)); // tell once per change, not per call
        LOG.log(Level.WARNING, "kept the API keys read before: " + e.getMessage());
      }
    }
  }

  /** The file's size and modification time: what tells a change. */
  private record Stamp(long size, long modifiedNanos) {
    static Stamp of(Path file) {
      try {
        return new Stamp(
            Files.size(file), Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS));
      } catch (IOException e) {
        return new Stamp(-1, -1);
      }
    }
  }

  private record Keys(Map<String, Principal.User> byHash, Stamp stamp) {
    static Keys read(Path file) {
      Stamp stamp = Stamp.of(file);
      List<String> lines;
      try {
        lines = Files.readAllLines(file);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the API keys file " + file + ": " + e, e);
      }
      Map<String, Principal.User> byHash = new HashMap<>();
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i).strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        try {
          ApiKeyEntry entry = ApiKeyEntry.parse(line);
          byHash.put(entry.hash(), entry.user());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "API keys file " + file + " line " + (i + 1) + ": " + e.getMessage(), e);
        }
      }
      return new Keys(Map.copyOf(byHash), stamp);
    }
  }
}
