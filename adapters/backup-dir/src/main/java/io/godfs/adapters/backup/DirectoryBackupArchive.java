package io.godfs.adapters.backup;

import io.godfs.application.port.out.BackupArchive;
import io.godfs.application.port.out.BackupManifest;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * A backup archive in a local directory (ADR 0027):
 *
 * <pre>
 * root/chunks/&lt;chunk name&gt;            immutable chunk files, shared by every backup
 * root/backups/&lt;name&gt;/chunks.sha256   the chunks the backup uses, in sha256sum format
 * root/backups/&lt;name&gt;/namespace.json  its manifest, written last: the backup is complete
 * </pre>
 *
 * <p>Every file is written under a temporary name starting with {@code .tmp-}, forced to the disk,
 * renamed into place and its directory forced, so an interrupted run leaves only temporary files
 * (which every read ignores) and complete chunks, never a complete-looking backup missing a chunk.
 * Chunk and backup names are checked before they become file names, so none reaches outside the
 * root. Safe for concurrent calls from one process; a chunk stored twice at once ends up whole.
 */
public final class DirectoryBackupArchive implements BackupArchive {
  private static final SecureRandom RANDOM = new SecureRandom();

  static final String MANIFEST = "namespace.json";
  static final String CHUNK_INDEX = "chunks.sha256";

  private static final int BUFFER_BYTES = 1 << 16;

  private final Path root;
  private final Path chunks;
  private final Path backups;

  private DirectoryBackupArchive(Path root) {
    this.root = root;
    this.chunks = root.resolve("chunks");
    this.backups = root.resolve("backups");
  }

  /**
   * The archive in directory {@code root}, created (with its {@code chunks} and {@code backups})
   * when missing.
   *
   * @throws IllegalArgumentException naming {@code root} when it is a file or not writable
   * @throws IOException naming {@code root} when it cannot be created
   */
  public static DirectoryBackupArchive at(Path root) throws IOException {
    Path dir = root.toAbsolutePath().normalize();
    if (Files.exists(dir) && !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("backup archive " + dir + " is a file, not a directory");
    }
    DirectoryBackupArchive archive = new DirectoryBackupArchive(dir);
    try {
      Files.createDirectories(archive.chunks);
      Files.createDirectories(archive.backups);
    } catch (IOException e) {
      throw new IOException("cannot create the backup archive " + dir + ": " + e, e);
    }
    if (!Files.isWritable(dir) || !Files.isWritable(archive.chunks)) {
      throw new IllegalArgumentException("backup archive " + dir + " is not writable");
    }
    return archive;
  }

  /**
   * The existing archive in directory {@code root}, to restore or list from: a mistyped path is an
   * error naming it, not a new empty archive.
   *
   * @throws IOException naming {@code root} when it holds no archive
   */
  public static DirectoryBackupArchive existing(Path root) throws IOException {
    Path dir = root.toAbsolutePath().normalize();
    if (!Files.isDirectory(dir.resolve("backups")) || !Files.isDirectory(dir.resolve("chunks"))) {
      throw new IOException(
          dir + " is not a backup archive (no backups/ and chunks/ directories in it)");
    }
    return new DirectoryBackupArchive(dir);
  }

  /**
   * Reads each complete backup's {@code chunks.sha256} and keeps the chunks whose file has the
   * length in their name: a cheap check (no hashing) that catches a chunk cut short by a full disk
   * or a copy by hand. A chunk no complete backup lists (left by an interrupted one) is not
   * answered, so it is copied again: its SHA-256 was never recorded.
   */
  @Override
  public Map<String, String> storedChunks() throws IOException {
    Map<String, String> listed = new HashMap<>();
    for (String backup : completeBackups()) {
      Path index = backups.resolve(backup).resolve(CHUNK_INDEX);
      try {
        ChunkIndex.readInto(index, listed);
      } catch (NoSuchFileException e) {
        // Written before the manifest, so only missing when removed by hand: use the manifest.
        ChunkIndex.of(manifest(backup)).forEach(listed::putIfAbsent);
      }
    }
    Map<String, String> stored = new HashMap<>();
    for (Map.Entry<String, String> chunk : listed.entrySet()) {
      long length = ArchiveNames.lengthIn(chunk.getKey());
      if (length >= 0 && sizeOf(chunks.resolve(chunk.getKey())) == length) {
        stored.put(chunk.getKey(), chunk.getValue());
      }
    }
    return stored;
  }

  /**
   * Copies exactly {@code length} bytes (never reading past them) into a temporary file, hashing
   * them on the way, forces it and renames it to {@code name}: a chunk file is whole or absent.
   */
  @Override
  public String storeChunk(String name, InputStream bytes, long length) throws IOException {
    Path target = chunks.resolve(ArchiveNames.chunk(name));
    if (length < 0) {
      throw new IllegalArgumentException(
          "chunk " + name + ": length : " + length + " (expected: >= 0)");
    }
    MessageDigest sha256 = sha256();
    Path temp = DurableFiles.temporaryFor(target);
    try {
      try (FileChannel out =
          FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
        byte[] buffer = new byte[(int) Math.min(BUFFER_BYTES, Math.max(length, 1))];
        long copied = 0;
        while (copied < length) {
          int read = bytes.read(buffer, 0, (int) Math.min(buffer.length, length - copied));
          if (read < 0) {
            throw new IOException(
                "chunk "
                    + name
                    + ": the source ended after "
                    + copied
                    + " of "
                    + length
                    + " bytes");
          }
          sha256.update(buffer, 0, read);
          ByteBuffer data = ByteBuffer.wrap(buffer, 0, read);
          while (data.hasRemaining()) {
            out.write(data);
          }
          copied += read;
        }
        out.force(true);
      }
      DurableFiles.moveIntoPlace(temp, target);
    } catch (IOException | RuntimeException e) {
      DurableFiles.deleteAfterFailure(temp, e);
      throw e;
    }
    return HexFormat.of().formatHex(sha256.digest());
  }

  @Override
  public InputStream openChunk(String name) throws IOException {
    Path file = chunks.resolve(ArchiveNames.chunk(name));
    try {
      return new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES);
    } catch (NoSuchFileException e) {
      throw new IOException("chunk " + name + " is missing from " + chunks, e);
    }
  }

  @Override
  public boolean hasChunk(String name, long length) throws IOException {
    Path file = chunks.resolve(ArchiveNames.chunk(name));
    return length >= 0 && sizeOf(file) == length;
  }

  /**
   * Writes the backup's {@code chunks.sha256}, then its manifest, each atomically: the manifest's
   * rename is what makes the backup complete, so a crash before it leaves an incomplete backup that
   * every read ignores. Storing a backup of a name already complete replaces it.
   */
  @Override
  public void storeManifest(BackupManifest manifest) throws IOException {
    SortedMap<String, String> used = ChunkIndex.of(manifest);
    Path dir = backups.resolve(ArchiveNames.backup(manifest.name()));
    Files.createDirectories(dir);
    DurableFiles.forceDirectory(backups);
    DurableFiles.replace(dir.resolve(CHUNK_INDEX), out -> ChunkIndex.write(used, out));
    DurableFiles.replace(dir.resolve(MANIFEST), out -> ManifestCodec.write(manifest, out));
  }

  /** Sorted by the instant each was taken (read from the start of its manifest), then by name. */
  @Override
  public List<String> backups() throws IOException {
    record Taken(String name, Instant at) {}
    List<Taken> taken = new ArrayList<>();
    for (String name : completeBackups()) {
      taken.add(new Taken(name, ManifestCodec.takenAt(backups.resolve(name).resolve(MANIFEST))));
    }
    taken.sort(Comparator.comparing(Taken::at).thenComparing(Taken::name));
    return taken.stream().map(Taken::name).toList();
  }

  @Override
  public BackupManifest manifest(String name) throws IOException {
    Path file = backups.resolve(ArchiveNames.backup(name)).resolve(MANIFEST);
    if (!Files.isRegularFile(file)) {
      List<String> complete = completeBackups();
      throw new IOException(
          "no complete backup named "
              + name
              + " in "
              + root
              + " (backups: "
              + (complete.isEmpty() ? "none" : String.join(", ", complete))
              + ")");
    }
    BackupManifest manifest = ManifestCodec.read(file);
    if (!manifest.name().equals(name)) {
      throw new IOException(
          "backup manifest " + file + " names backup " + manifest.name() + ", not " + name);
    }
    return manifest;
  }

  @Override
  public String newSource() throws IOException {
    while (true) {
      byte[] tag = new byte[8];
      RANDOM.nextBytes(tag);
      String source = HexFormat.of().formatHex(tag);
      try (DirectoryStream<Path> used = Files.newDirectoryStream(chunks, source + "-*")) {
        if (!used.iterator().hasNext()) {
          return source;
        }
      }
    }
  }

  @Override
  public String describe() {
    return root.toString();
  }

  /** The directories under {@code backups/} that hold a manifest, sorted by name. */
  private List<String> completeBackups() throws IOException {
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(backups)) {
      for (Path dir : dirs) {
        String name = dir.getFileName().toString();
        if (BackupManifest.NAME.matcher(name).matches()
            && Files.isRegularFile(dir.resolve(MANIFEST))) {
          names.add(name);
        }
      }
    }
    names.sort(Comparator.naturalOrder());
    return names;
  }

  /** The size of regular file {@code file}, or -1 when there is none. */
  private static long sizeOf(Path file) throws IOException {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return attributes.isRegularFile() ? attributes.size() : -1;
    } catch (NoSuchFileException e) {
      return -1;
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }
}
