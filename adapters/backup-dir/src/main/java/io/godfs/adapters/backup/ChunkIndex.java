package io.godfs.adapters.backup;

import io.godfs.application.port.out.BackupChunk;
import io.godfs.application.port.out.BackupManifest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A backup's {@code chunks.sha256}: one line per chunk it uses, {@code <sha256>
 * ../../chunks/<name>} sorted by name, which is the format of {@code sha256sum}. So {@code cd
 * backups/<name> && sha256sum -c chunks.sha256} checks a backup's chunks with standard tools, and
 * the next backup learns which chunks are already stored without reading the (much larger)
 * manifests.
 */
final class ChunkIndex {
  private static final System.Logger LOG = System.getLogger(ChunkIndex.class.getName());

  /** Where the chunks are, seen from a backup's directory ({@code backups/<name>}). */
  static final String CHUNKS_FROM_BACKUP = "../../chunks/";

  private static final Pattern LINE =
      Pattern.compile("([0-9a-f]{64})  " + Pattern.quote(CHUNKS_FROM_BACKUP) + "(.+)");

  private ChunkIndex() {}

  /**
   * Each distinct chunk {@code manifest} lists, by name, with its SHA-256.
   *
   * @throws IllegalArgumentException when a chunk name is unsafe, or one name has two SHA-256s
   */
  static SortedMap<String, String> of(BackupManifest manifest) {
    SortedMap<String, String> chunks = new TreeMap<>();
    for (BackupManifest.File file : manifest.files()) {
      for (BackupChunk chunk : file.chunks()) {
        String earlier = chunks.putIfAbsent(ArchiveNames.chunk(chunk.name()), chunk.sha256());
        if (earlier != null && !earlier.equals(chunk.sha256())) {
          throw new IllegalArgumentException(
              "backup "
                  + manifest.name()
                  + ": chunk "
                  + chunk.name()
                  + " is listed with two SHA-256s, "
                  + earlier
                  + " and "
                  + chunk.sha256()
                  + " (at "
                  + file.path()
                  + ")");
        }
      }
    }
    return chunks;
  }

  /** Writes {@code chunks} (name to SHA-256, sorted by name) as {@code sha256sum} lines. */
  static void write(SortedMap<String, String> chunks, OutputStream out) throws IOException {
    StringBuilder line = new StringBuilder();
    for (Map.Entry<String, String> chunk : chunks.entrySet()) {
      line.setLength(0);
      line.append(chunk.getValue())
          .append("  ")
          .append(CHUNKS_FROM_BACKUP)
          .append(chunk.getKey())
          .append('\n');
      out.write(line.toString().getBytes(StandardCharsets.US_ASCII));
    }
  }

  /**
   * Reads {@code file} into {@code chunks} (name to SHA-256), keeping a name already there. A line
   * that is not one this class writes is logged and skipped: the chunk it meant is then copied
   * again by the next backup, which costs time but never a wrong backup.
   */
  static void readInto(Path file, Map<String, String> chunks) throws IOException {
    // ISO-8859-1 decodes any byte: a damaged line is skipped below rather than failing the read.
    try (BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
      int number = 0;
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        number++;
        Matcher match = LINE.matcher(line);
        if (match.matches() && ArchiveNames.isChunk(match.group(2))) {
          chunks.putIfAbsent(match.group(2), match.group(1));
        } else {
          LOG.log(
              Level.WARNING, "backup: skipping line " + number + " of " + file + ": not a chunk");
        }
      }
    }
  }
}
