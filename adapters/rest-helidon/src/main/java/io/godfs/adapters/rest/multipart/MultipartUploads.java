package io.godfs.adapters.rest.multipart;

import io.godfs.adapters.rest.content.StagedWrite;
import io.godfs.adapters.rest.http.ApiException;
import io.godfs.adapters.rest.http.Json;
import io.godfs.adapters.rest.http.Params;
import io.godfs.adapters.rest.multipart.MultipartDtos.Manifest;
import io.godfs.adapters.rest.multipart.MultipartDtos.PartRef;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.Listing;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * S3-style multipart uploads staged in the cluster, not on the gateway's disk, so any gateway can
 * serve any part: {@code /.godfs/uploads/<id>/upload.json} names the target, each part is a file
 * {@code part-<nnnnn>-<sha256>} (its ETag is in its name, so listing parts reads no data). A part is
 * written to a temp file first and renamed into place, so a re-upload replaces it atomically.
 */
public final class MultipartUploads {
  public static final DfsPath ROOT = Params.RESERVED.child("uploads");
  private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern PART = Pattern.compile("part-(\\d{5})-([0-9a-f]{64})");
  private static final String MANIFEST = "upload.json";
  private final FileSystemUseCase fs;
  private final Json json;
  private final StagedWrite staged;
  private final Clock clock;
  private final int maxParts;
  private final long maxPartBytes;
  private final Duration expiry;
  private final SecureRandom random = new SecureRandom();

  public MultipartUploads(FileSystemUseCase fs, Json json, StagedWrite staged, Clock clock, int maxParts,
      long maxPartBytes, Duration expiry) {
    this.fs = fs;
    this.json = json;
    this.staged = staged;
    this.clock = clock;
    this.maxParts = maxParts;
    this.maxPartBytes = maxPartBytes;
    this.expiry = expiry;
  }

  /** Starts an upload to {@code target}; returns its id (32 hex chars). */
  public String init(DfsPath target) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    String id = HexFormat.of().formatHex(b);
    DfsPath dir = ROOT.child(id);
    fs.mkdir(dir, true);
    byte[] manifest = json.bytes(new Manifest(target.value(), clock.millis()));
    try (OutputStream out = fs.create(dir.child(MANIFEST), false)) {
      out.write(manifest);
    } catch (IOException e) {
      throw new UncheckedIOException("writing the manifest of upload " + id, e);
    }
    return id;
  }

  public long expiresAtUnix(String id) {
    return (manifest(id).createdAtMs() + expiry.toMillis()) / 1000;
  }

  public DfsPath target(String id) {
    return DfsPath.of(manifest(id).path());
  }

  /** Stores part {@code number}, replacing an earlier upload of the same number. */
  public PartInfo putPart(String id, int number, InputStream body, long declaredLength) {
    checkPartNumber(number);
    if (declaredLength > maxPartBytes) {
      throw ApiException.tooLarge("part too large: " + declaredLength + " bytes (limit " + maxPartBytes + ")");
    }
    DfsPath dir = uploadDir(id);
    manifest(id); // 404 before reading the body when the upload does not exist
    MessageDigest sha = sha256();
    DfsPath temp = staged.writeTemp(new DigestInputStream(body, sha), maxPartBytes, declaredLength);
    String hex = HexFormat.of().formatHex(sha.digest());
    String name = partName(number, hex);
    try {
      fs.rename(temp, dir.child(name), true);
    } catch (DfsException e) {
      staged.discard(temp);
      throw e.code() == ErrorCode.NOT_FOUND ? noSuchUpload(id) : e;
    }
    long size = fs.stat(dir.child(name)).length();
    for (FileStatus old : entries(dir)) { // an earlier upload of this part under another checksum
      Matcher m = PART.matcher(old.path().name());
      if (m.matches() && Integer.parseInt(m.group(1)) == number && !old.path().name().equals(name)) {
        staged.discard(old.path());
      }
    }
    return new PartInfo(number, size, etag(hex));
  }

  /** The parts uploaded so far, by part number; of two uploads of one number the newer wins. */
  public List<PartInfo> parts(String id) {
    return new ArrayList<>(partFiles(id).values().stream().map(Staged::info).toList());
  }

  /**
   * Concatenates the listed parts in part-number order into the target. Without {@code overwrite}
   * an existing target is a 409. The upload is removed afterwards.
   */
  public FileStatus complete(String id, List<PartRef> requested, boolean overwrite) {
    if (requested == null || requested.isEmpty()) {
      throw ApiException.badRequest("parts is empty (expected: [{\"part_number\":1,\"etag\":\"...\"}, ...])");
    }
    DfsPath target = target(id);
    Map<Integer, Staged> uploaded = partFiles(id);
    TreeMap<Integer, Staged> chosen = new TreeMap<>();
    for (PartRef ref : requested) {
      if (ref == null || ref.partNumber() == null) {
        throw ApiException.badRequest("every part needs a part_number");
      }
      int n = ref.partNumber();
      checkPartNumber(n);
      Staged part = uploaded.get(n);
      if (part == null) {
        throw new ApiException(400, "invalid_part", "part " + n + " was not uploaded");
      }
      if (ref.etag() != null && !unquote(ref.etag()).equals(unquote(part.info().etag()))) {
        throw new ApiException(400, "invalid_part", "part " + n + " has ETag " + part.info().etag() + ", not " + ref.etag());
      }
      if (chosen.put(n, part) != null) {
        throw ApiException.badRequest("part " + n + " is listed twice");
      }
    }
    checkTarget(target, overwrite);
    DfsPath temp;
    try (PartsInputStream in = new PartsInputStream(chosen.values().iterator())) {
      temp = staged.writeTemp(in, Long.MAX_VALUE, -1);
    } catch (IOException e) {
      throw new UncheckedIOException("closing the parts of upload " + id, e);
    }
    staged.commit(temp, target, overwrite, StagedWrite.UNCONDITIONAL);
    FileStatus done = fs.stat(target);
    abort(id);
    return done;
  }

  /** Removes the upload and its parts; nothing to remove is fine (idempotent). */
  public void abort(String id) {
    DfsPath dir = uploadDir(id);
    try {
      fs.delete(dir, true);
    } catch (DfsException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        throw e;
      }
    }
  }

  /** Deletes uploads older than the expiry, and PUT temp files as old; returns how many went. */
  public int expireAbandoned() {
    long now = clock.millis();
    int removed = 0;
    for (FileStatus upload : entriesOrEmpty(ROOT)) {
      String id = upload.path().name();
      long created;
      try {
        created = UPLOAD_ID.matcher(id).matches() ? manifest(id).createdAtMs() : upload.creationTime().toEpochMilli();
      } catch (ApiException | DfsException e) {
        created = upload.creationTime().toEpochMilli(); // no readable manifest: judge by the folder
      }
      if (now - created >= expiry.toMillis()) {
        deleteQuietly(upload.path());
        removed++;
      }
    }
    for (FileStatus temp : entriesOrEmpty(StagedWrite.TMP)) {
      if (now - temp.modificationTime().toEpochMilli() >= expiry.toMillis()) {
        deleteQuietly(temp.path());
        removed++;
      }
    }
    return removed;
  }

  private void checkTarget(DfsPath target, boolean overwrite) {
    try {
      FileStatus existing = fs.stat(target);
      if (existing.isDirectory()) {
        throw new ApiException(409, "is_a_directory", target + " is a directory");
      }
      if (!overwrite) {
        throw new ApiException(409, "already_exists", target + " already exists (use ?overwrite=true)");
      }
    } catch (DfsException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        throw e;
      }
    }
  }

  private void checkPartNumber(int n) {
    if (n < 1 || n > maxParts) {
      throw ApiException.badRequest("partNumber : " + n + " (expected: 1-" + maxParts + ")");
    }
  }

  private Manifest manifest(String id) {
    DfsPath file = uploadDir(id).child(MANIFEST);
    byte[] bytes;
    try (InputStream in = fs.open(file)) {
      bytes = in.readNBytes(64 * 1024);
    } catch (DfsException e) {
      throw e.code() == ErrorCode.NOT_FOUND ? noSuchUpload(id) : e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
    return json.parse(bytes, Manifest.class);
  }

  private DfsPath uploadDir(String id) {
    if (id == null || !UPLOAD_ID.matcher(id).matches()) {
      throw noSuchUpload(id);
    }
    return ROOT.child(id);
  }

  private static ApiException noSuchUpload(String id) {
    return new ApiException(404, "no_such_upload", "no multipart upload " + id + " (completed, aborted or expired)");
  }

  private Map<Integer, Staged> partFiles(String id) {
    DfsPath dir = uploadDir(id);
    manifest(id);
    Map<Integer, Staged> parts = new TreeMap<>();
    for (FileStatus f : entries(dir)) {
      Matcher m = PART.matcher(f.path().name());
      if (m.matches()) {
        Staged s = new Staged(f, new PartInfo(Integer.parseInt(m.group(1)), f.length(), etag(m.group(2))));
        parts.merge(s.info().partNumber(), s,
            (a, b) -> a.file().modificationTime().isAfter(b.file().modificationTime()) ? a : b);
      }
    }
    return parts;
  }

  private List<FileStatus> entries(DfsPath dir) {
    List<FileStatus> all = new ArrayList<>();
    String after = null;
    Set<String> seen = new HashSet<>();
    while (true) {
      Listing page = fs.list(dir, after, Listing.MAX_LIMIT);
      for (FileStatus s : page.entries()) {
        if (seen.add(s.path().name())) {
          all.add(s);
        }
      }
      if (!page.hasMore() || page.entries().isEmpty()) {
        return all;
      }
      after = page.entries().getLast().path().name();
    }
  }

  private List<FileStatus> entriesOrEmpty(DfsPath dir) {
    try {
      return entries(dir);
    } catch (DfsException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return List.of();
      }
      throw e;
    }
  }

  private void deleteQuietly(DfsPath path) {
    try {
      fs.delete(path, true);
    } catch (DfsException e) {
      if (e.code() != ErrorCode.NOT_FOUND) {
        throw e;
      }
    }
  }

  static String partName(int number, String sha256Hex) {
    return String.format("part-%05d-%s", number, sha256Hex);
  }

  private static String etag(String sha256Hex) {
    return "\"sha256-" + sha256Hex + "\"";
  }

  private static String unquote(String etag) {
    String e = etag.strip();
    return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"") ? e.substring(1, e.length() - 1) : e;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private record Staged(FileStatus file, PartInfo info) {}

  /** The chosen parts read one after the other, each opened only when the previous one ends. */
  private final class PartsInputStream extends InputStream {
    private final Iterator<Staged> parts;
    private InputStream current;

    PartsInputStream(Iterator<Staged> parts) {
      this.parts = parts;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      while (true) {
        if (current == null) {
          if (!parts.hasNext()) {
            return -1;
          }
          current = fs.open(parts.next().file().path());
        }
        int n = current.read(b, off, len);
        if (n >= 0) {
          return n;
        }
        current.close();
        current = null;
      }
    }

    @Override
    public void close() throws IOException {
      if (current != null) {
        current.close();
      }
    }
  }
}
