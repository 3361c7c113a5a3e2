package io.godfs.adapters.backup;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.godfs.application.port.out.BackupChunk;
import io.godfs.application.port.out.BackupManifest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.Xattrs;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A backup's {@code namespace.json} (ADR 0027):
 *
 * <pre>{@code
 * {"format": 1, "name": ..., "snapshotId": ..., "takenAt": "<ISO-8601 instant>", "source": ...,
 *  "chunkSize": ..., "replication": ...,
 *  "directories": [{"path": "/a", "created": ..., "modified": ..., ATTRIBUTES}],
 *  "files": [{"path": ..., "length": ..., "created": ..., "modified": ..., ATTRIBUTES, "chunkSize": ...,
 *             "replication": ..., "inline": "<base64>" (only for an inline file),
 *             "chunks": [{"index": 0, "name": ..., "length": ..., "sha256": ...}]}]}
 * }</pre>
 *
 * <p>Format 3 adds {@code "symlinks": [{"path": ..., "target": ..., "modified": ..., ATTRIBUTES}]}
 * and {@code "xattrs": [{"path": ..., "values": {"user.a": "<base64>"}}]} (ADR 0028); an older
 * manifest has neither.
 *
 * <p>Format 4 adds {@code "specials": [{"path": ..., "kind": "fifo", "device": 0, "modified": ...,
 * ATTRIBUTES}]}: FIFOs, devices and sockets (ADR 0028), {@code kind} one of {@code "fifo"}, {@code
 * "character_device"}, {@code "block_device"} and {@code "socket"}, {@code device} the dev_t of a
 * device (0 for the others). An older manifest has none.
 *
 * <p>Format 5 adds {@code "links": [{"path": ..., "first": ...}]}: the further names of inodes with
 * several (hard links, ADR 0028), each with the path of the entry ({@code files}, {@code symlinks}
 * or {@code specials}) that holds the inode under the first name the backup met. A format 4 reader
 * would skip the field and restore without those names, so the format changes; an older manifest
 * has none.
 *
 * <p>ATTRIBUTES (format 2, ADR 0028): {@code "owner": uid, "group": gid, "mode": "0755" (octal),
 * "accessed": ..., "changed": ...}; a format 1 manifest has none, and restores without them.
 *
 * <p>Written with a streaming generator, since a manifest can list a million files; read as a tree.
 * {@code format} changes when a reader of this version could misread a newer file, and a reader
 * refuses a format it does not know rather than restore something else than was backed up.
 */
final class ManifestCodec {
  static final int FORMAT = 5;

  /** The oldest format still read: without attributes. */
  static final int FIRST_FORMAT = 1;

  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
  private static final ObjectMapper TREES = new ObjectMapper(JSON);

  private ManifestCodec() {}

  /** Writes {@code manifest} to {@code out}, leaving it open. */
  static void write(BackupManifest manifest, OutputStream out) throws IOException {
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberField("format", FORMAT);
      g.writeStringField("name", manifest.name());
      g.writeNumberField("snapshotId", manifest.snapshotId());
      g.writeStringField("takenAt", manifest.takenAt().toString());
      g.writeStringField("source", manifest.source());
      g.writeNumberField("chunkSize", manifest.chunkSize());
      g.writeNumberField("replication", manifest.replication());
      g.writeArrayFieldStart("directories");
      for (BackupManifest.Directory directory : manifest.directories()) {
        g.writeStartObject();
        g.writeStringField("path", directory.path().toString());
        g.writeStringField("created", directory.created().toString());
        g.writeStringField("modified", directory.modified().toString());
        writeAttributes(directory.attributes(), g);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("files");
      for (BackupManifest.File file : manifest.files()) {
        writeFile(file, g);
      }
      g.writeEndArray();
      g.writeArrayFieldStart("xattrs");
      for (Map.Entry<DfsPath, Xattrs> e : manifest.xattrs().entrySet()) {
        g.writeStartObject();
        g.writeStringField("path", e.getKey().toString());
        g.writeObjectFieldStart("values");
        for (Map.Entry<String, byte[]> v : e.getValue().asMap().entrySet()) {
          g.writeStringField(v.getKey(), Base64.getEncoder().encodeToString(v.getValue()));
        }
        g.writeEndObject();
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("symlinks");
      for (BackupManifest.Symlink link : manifest.symlinks()) {
        g.writeStartObject();
        g.writeStringField("path", link.path().toString());
        g.writeStringField("target", link.target());
        g.writeStringField("modified", link.modified().toString());
        writeAttributes(link.attributes(), g);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("specials");
      for (BackupManifest.Special node : manifest.specials()) {
        g.writeStartObject();
        g.writeStringField("path", node.path().toString());
        g.writeStringField("kind", node.kind().name().toLowerCase(Locale.ROOT));
        g.writeNumberField("device", node.device());
        g.writeStringField("modified", node.modified().toString());
        writeAttributes(node.attributes(), g);
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeArrayFieldStart("links");
      for (BackupManifest.HardLink link : manifest.links()) {
        g.writeStartObject();
        g.writeStringField("path", link.path().toString());
        g.writeStringField("first", link.first().toString());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
      g.writeRaw('\n');
    }
  }

  private static void writeAttributes(InodeAttributes a, JsonGenerator g) throws IOException {
    if (a == null) {
      return;
    }
    g.writeNumberField("owner", a.owner());
    g.writeNumberField("group", a.group());
    g.writeStringField("mode", String.format("%04o", a.mode()));
    g.writeStringField("accessed", a.accessed().toString());
    g.writeStringField("changed", a.changed().toString());
  }

  /** A record's attributes, or null for a format 1 record without them. */
  private static InodeAttributes attributes(JsonNode o, String where) {
    if (!o.has("mode")) {
      return null;
    }
    String mode = text(o, "mode", where);
    int bits;
    try {
      bits = Integer.parseInt(mode, 8);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": \"mode\" " + mode + " is not octal");
    }
    return new InodeAttributes(
        integer(o, "owner", where),
        integer(o, "group", where),
        bits,
        instant(o, "accessed", where),
        instant(o, "changed", where));
  }

  private static void writeFile(BackupManifest.File file, JsonGenerator g) throws IOException {
    g.writeStartObject();
    g.writeStringField("path", file.path().toString());
    g.writeNumberField("length", file.length());
    g.writeStringField("created", file.created().toString());
    g.writeStringField("modified", file.modified().toString());
    writeAttributes(file.attributes(), g);
    g.writeNumberField("chunkSize", file.chunkSize());
    g.writeNumberField("replication", file.replication());
    if (file.inline() != null) {
      g.writeStringField("inline", Base64.getEncoder().encodeToString(file.inline()));
    }
    g.writeArrayFieldStart("chunks");
    for (BackupChunk chunk : file.chunks()) {
      g.writeStartObject();
      g.writeNumberField("index", chunk.index());
      g.writeStringField("name", chunk.name());
      g.writeNumberField("length", chunk.length());
      g.writeStringField("sha256", chunk.sha256());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  /**
   * Reads the manifest in {@code file}.
   *
   * @throws IOException naming {@code file} when it cannot be read, is not JSON, has a format other
   *     than {@link #FORMAT}, or lacks or has a wrong field
   */
  static BackupManifest read(Path file) throws IOException {
    JsonNode root;
    try {
      root = TREES.readTree(file.toFile());
    } catch (JsonProcessingException e) {
      throw new IOException("backup manifest " + file + " is not JSON: " + e.getMessage(), e);
    }
    if (root == null || !root.isObject()) {
      throw new IOException("backup manifest " + file + " is not a JSON object");
    }
    checkFormat(file, root.get("format"));
    try {
      return manifest(root);
    } catch (IllegalArgumentException | DateTimeException e) {
      throw new IOException("backup manifest " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Reads only the {@code takenAt} of the manifest in {@code file}: it comes before the lists, so
   * listing the backups does not parse their (possibly large) file lists.
   */
  static Instant takenAt(Path file) throws IOException {
    try (JsonParser p = JSON.createParser(Files.newInputStream(file))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IOException("backup manifest " + file + " is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        p.nextToken();
        switch (field) {
          case "format" -> checkFormat(file, TREES.readTree(p));
          case "takenAt" -> {
            return Instant.parse(p.getValueAsString(""));
          }
          default -> p.skipChildren();
        }
      }
      throw new IOException("backup manifest " + file + " has no \"takenAt\"");
    } catch (JsonProcessingException | DateTimeException e) {
      throw new IOException("backup manifest " + file + ": " + e.getMessage(), e);
    }
  }

  private static void checkFormat(Path file, JsonNode format) throws IOException {
    if (format == null
        || !format.isIntegralNumber()
        || format.asLong() < FIRST_FORMAT
        || format.asLong() > FORMAT) {
      throw new IOException(
          "backup manifest "
              + file
              + " has format "
              + (format == null ? "(none)" : format.toString())
              + " (expected: "
              + FIRST_FORMAT
              + " to "
              + FORMAT
              + "; written by a newer version of goDFS?)");
    }
  }

  private static BackupManifest manifest(JsonNode root) {
    List<BackupManifest.Directory> directories = new ArrayList<>();
    JsonNode dirs = array(root, "directories", "the manifest");
    for (int i = 0; i < dirs.size(); i++) {
      JsonNode d = object(dirs.get(i), "directories[" + i + "]");
      String where = "directories[" + i + "]";
      directories.add(
          new BackupManifest.Directory(
              path(d, where),
              instant(d, "created", where),
              instant(d, "modified", where),
              attributes(d, where)));
    }
    List<BackupManifest.File> files = new ArrayList<>();
    JsonNode list = array(root, "files", "the manifest");
    for (int i = 0; i < list.size(); i++) {
      files.add(file(object(list.get(i), "files[" + i + "]"), "files[" + i + "]"));
    }
    List<BackupManifest.Symlink> symlinks = new ArrayList<>();
    if (root.has("symlinks")) {
      JsonNode links = array(root, "symlinks", "the manifest");
      for (int i = 0; i < links.size(); i++) {
        String at = "symlinks[" + i + "]";
        JsonNode l = object(links.get(i), at);
        symlinks.add(
            new BackupManifest.Symlink(
                path(l, at), text(l, "target", at), instant(l, "modified", at), attributes(l, at)));
      }
    }
    List<BackupManifest.Special> specials = new ArrayList<>();
    if (root.has("specials")) {
      JsonNode nodes = array(root, "specials", "the manifest");
      for (int i = 0; i < nodes.size(); i++) {
        String at = "specials[" + i + "]";
        specials.add(special(object(nodes.get(i), at), at));
      }
    }
    List<BackupManifest.HardLink> links = new ArrayList<>();
    if (root.has("links")) {
      JsonNode names = array(root, "links", "the manifest");
      for (int i = 0; i < names.size(); i++) {
        String at = "links[" + i + "]";
        JsonNode l = object(names.get(i), at);
        links.add(new BackupManifest.HardLink(path(l, at), new DfsPath(text(l, "first", at))));
      }
    }
    TreeMap<DfsPath, Xattrs> xattrs = new TreeMap<>();
    if (root.has("xattrs")) {
      JsonNode entries = array(root, "xattrs", "the manifest");
      for (int i = 0; i < entries.size(); i++) {
        String at = "xattrs[" + i + "]";
        JsonNode x = object(entries.get(i), at);
        JsonNode values = object(x.get("values"), at + ".values");
        TreeMap<String, byte[]> decoded = new TreeMap<>();
        values
            .properties()
            .forEach(
                v -> decoded.put(v.getKey(), Base64.getDecoder().decode(v.getValue().asText())));
        xattrs.put(path(x, at), Xattrs.of(decoded));
      }
    }
    String where = "the manifest";
    return new BackupManifest(
        text(root, "name", where),
        number(root, "snapshotId", where),
        instant(root, "takenAt", where),
        text(root, "source", where),
        number(root, "chunkSize", where),
        integer(root, "replication", where),
        directories,
        files,
        symlinks,
        specials,
        links,
        xattrs);
  }

  private static BackupManifest.Special special(JsonNode n, String where) {
    String kind = text(n, "kind", where);
    FileType type;
    try {
      type = FileType.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      type = null;
    }
    if (type == null || !type.isSpecial() || !kind.equals(kind.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          where
              + ": \"kind\" "
              + kind
              + " (expected: fifo, character_device, block_device or socket)");
    }
    long device = number(n, "device", where);
    InodeAttributes a = attributes(n, where);
    // The device number is stored once, beside the kind; the attributes the backup read had it too.
    InodeAttributes withDevice =
        a == null
            ? null
            : new InodeAttributes(
                a.owner(), a.group(), a.mode(), a.accessed(), a.changed(), device);
    return new BackupManifest.Special(
        path(n, where), type, device, instant(n, "modified", where), withDevice);
  }

  private static BackupManifest.File file(JsonNode f, String where) {
    byte[] inline = f.has("inline") ? Base64.getDecoder().decode(text(f, "inline", where)) : null;
    List<BackupChunk> chunks = new ArrayList<>();
    JsonNode list = array(f, "chunks", where);
    for (int i = 0; i < list.size(); i++) {
      String at = where + ".chunks[" + i + "]";
      JsonNode c = object(list.get(i), at);
      chunks.add(
          new BackupChunk(
              integer(c, "index", at),
              text(c, "name", at),
              number(c, "length", at),
              text(c, "sha256", at)));
    }
    return new BackupManifest.File(
        path(f, where),
        number(f, "length", where),
        instant(f, "created", where),
        instant(f, "modified", where),
        number(f, "chunkSize", where),
        integer(f, "replication", where),
        inline,
        chunks,
        attributes(f, where));
  }

  /**
   * A path as it was stored: the constructor, not {@link DfsPath#parse}, since a stored name may
   * hold characters a new name may not (they stay readable, and a restore must recreate them).
   */
  private static DfsPath path(JsonNode object, String where) {
    return new DfsPath(text(object, "path", where));
  }

  private static Instant instant(JsonNode object, String field, String where) {
    return Instant.parse(text(object, field, where));
  }

  private static String text(JsonNode object, String field, String where) {
    JsonNode value = object.get(field);
    if (value == null || !value.isTextual()) {
      throw new IllegalArgumentException(where + ": \"" + field + "\" is missing or not a string");
    }
    return value.asText();
  }

  private static long number(JsonNode object, String field, String where) {
    JsonNode value = object.get(field);
    if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
      throw new IllegalArgumentException(
          where + ": \"" + field + "\" is missing or not an integer");
    }
    return value.asLong();
  }

  private static int integer(JsonNode object, String field, String where) {
    long value = number(object, field, where);
    if (value != (int) value) {
      throw new IllegalArgumentException(where + ": \"" + field + "\" is " + value + ", too large");
    }
    return (int) value;
  }

  private static JsonNode array(JsonNode object, String field, String where) {
    JsonNode value = object.get(field);
    if (value == null || !value.isArray()) {
      throw new IllegalArgumentException(where + ": \"" + field + "\" is missing or not an array");
    }
    return value;
  }

  private static JsonNode object(JsonNode value, String where) {
    if (value == null || !value.isObject()) {
      throw new IllegalArgumentException(where + " is not an object");
    }
    return value;
  }
}
