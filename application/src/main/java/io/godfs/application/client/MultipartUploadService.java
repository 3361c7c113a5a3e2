package io.godfs.application.client;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.in.MultipartUpload;
import io.godfs.application.port.in.MultipartUploadUseCase;
import io.godfs.application.port.in.PartChoice;
import io.godfs.application.port.in.UploadException;
import io.godfs.application.port.in.UploadException.Reason;
import io.godfs.application.port.in.UploadPart;
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
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multipart uploads staged in the cluster, not on a front end's disk, so any instance can serve any
 * part: {@code <root>/<id>/upload.json} names the target ({@link UploadManifest}), each part is a
 * file {@code part-<nnnnn>-<sha256>} (its ETag is in its name, so listing parts reads no data). A
 * part is staged first and renamed into place, so a re-upload replaces it atomically; completion
 * stages the concatenation and renames it onto the target as every upload does ({@link
 * StagedWriter}).
 */
final class MultipartUploadService implements MultipartUploadUseCase {
  private static final Pattern UPLOAD_ID = Pattern.compile("[0-9a-f]{32}");
  private static final Pattern PART = Pattern.compile("part-(\\d{5})-([0-9a-f]{64})");
  private static final String MANIFEST = "upload.json";
  private final FileSystemUseCase fs;
  private final StagedWriter staged;
  private final MultipartSettings settings;
  private final Clock clock;

  /** Draws upload ids: a {@code SecureRandom} in production, so an id cannot be guessed. */
  private final RandomGenerator random;

  MultipartUploadService(
      FileSystemUseCase fs,
      StagedWriter staged,
      MultipartSettings settings,
      Clock clock,
      RandomGenerator random) {
    this.fs = fs;
    this.staged = staged;
    this.settings = settings;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public MultipartUpload start(DfsPath target) {
    byte[] b = new byte[16];
    random.nextBytes(b);
    String id = HexFormat.of().formatHex(b);
    DfsPath dir = settings.root().child(id);
    fs.mkdir(dir, true);
    UploadManifest manifest = new UploadManifest(target.value(), clock.millis());
    try (OutputStream out = fs.create(dir.child(MANIFEST), false)) {
      out.write(manifest.toJson());
    } catch (IOException e) {
      throw new UncheckedIOException("writing the manifest of upload " + id, e);
    }
    return describe(id, manifest);
  }

  @Override
  public MultipartUpload describe(String id) {
    return describe(id, manifest(id));
  }

  private MultipartUpload describe(String id, UploadManifest manifest) {
    return new MultipartUpload(
        id,
        DfsPath.of(manifest.path()),
        Instant.ofEpochMilli(manifest.createdAtMs() + settings.expiry().toMillis()));
  }

  @Override
  public UploadPart putPart(String id, int number, InputStream body, long declaredLength) {
    checkPartNumber(number);
    long max = settings.maxPartBytes();
    if (declaredLength > max) {
      throw new UploadException(
          Reason.TOO_LARGE, "part too large: " + declaredLength + " bytes (limit " + max + ")");
    }
    DfsPath dir = uploadDir(id);
    manifest(id); // refused before reading the body when the upload does not exist
    MessageDigest sha = sha256();
    DfsPath temp;
    try {
      temp =
          staged.stage(
              dir.child(partName(number, "")),
              new DigestInputStream(new SizeLimitedInput(body, max), sha),
              declaredLength,
              bytes -> {});
    } catch (IOException e) {
      throw new UncheckedIOException("staging part " + number + " of upload " + id, e);
    }
    String hex = HexFormat.of().formatHex(sha.digest());
    String name = partName(number, hex);
    try {
      fs.rename(temp, dir.child(name), true);
    } catch (DfsException e) {
      staged.discard(temp, e);
      throw e.code() == ErrorCode.NOT_FOUND ? noSuchUpload(id) : e;
    }
    long size = fs.stat(dir.child(name)).length();
    for (FileStatus old : entries(dir)) { // an earlier upload of this part under another checksum
      Matcher m = PART.matcher(old.path().name());
      if (m.matches()
          && Integer.parseInt(m.group(1)) == number
          && !old.path().name().equals(name)) {
        staged.discard(old.path(), null);
      }
    }
    return new UploadPart(number, size, etag(hex));
  }

  @Override
  public List<UploadPart> parts(String id) {
    return new ArrayList<>(partFiles(id).values().stream().map(StoredPart::info).toList());
  }

  @Override
  public FileStatus complete(String id, List<PartChoice> requested, boolean overwrite) {
    if (requested == null || requested.isEmpty()) {
      throw new DfsException(
          ErrorCode.INVALID_ARGUMENT,
          "parts is empty (expected: [{\"part_number\":1,\"etag\":\"...\"}, ...])");
    }
    DfsPath target = describe(id).target();
    Map<Integer, StoredPart> uploaded = partFiles(id);
    TreeMap<Integer, StoredPart> chosen = new TreeMap<>();
    for (PartChoice ref : requested) {
      int n = ref.partNumber();
      checkPartNumber(n);
      StoredPart part = uploaded.get(n);
      if (part == null) {
        throw new UploadException(Reason.INVALID_PART, "part " + n + " was not uploaded");
      }
      if (ref.etag() != null && !unquote(ref.etag()).equals(unquote(part.info().etag()))) {
        throw new UploadException(
            Reason.INVALID_PART,
            "part " + n + " has ETag " + part.info().etag() + ", not " + ref.etag());
      }
      if (chosen.put(n, part) != null) {
        throw new DfsException(ErrorCode.INVALID_ARGUMENT, "part " + n + " is listed twice");
      }
    }
    checkTarget(target, overwrite);
    DfsPath temp;
    try (ConcatenatedFiles in =
        new ConcatenatedFiles(fs, chosen.values().stream().map(p -> p.file().path()).toList())) {
      temp = staged.stage(target, in, -1, bytes -> {});
    } catch (IOException e) {
      throw new UncheckedIOException("concatenating the parts of upload " + id, e);
    }
    staged.commit(temp, target, overwrite, null);
    FileStatus done = fs.stat(target);
    abort(id);
    return done;
  }

  @Override
  public void abort(String id) {
    deleteQuietly(uploadDir(id));
  }

  @Override
  public int expireAbandoned() {
    long now = clock.millis();
    long expiry = settings.expiry().toMillis();
    int removed = 0;
    for (FileStatus upload : entriesOrEmpty(settings.root())) {
      String id = upload.path().name();
      long created;
      try {
        created =
            UPLOAD_ID.matcher(id).matches()
                ? manifest(id).createdAtMs()
                : upload.creationTime().toEpochMilli();
      } catch (UploadException | DfsException e) {
        created = upload.creationTime().toEpochMilli(); // no readable manifest: judge by the folder
      }
      if (now - created >= expiry) {
        deleteQuietly(upload.path());
        removed++;
      }
    }
    for (FileStatus temp : entriesOrEmpty(settings.staging())) {
      if (now - temp.modificationTime().toEpochMilli() >= expiry) {
        deleteQuietly(temp.path());
        removed++;
      }
    }
    return removed;
  }

  private void checkTarget(DfsPath target, boolean overwrite) {
    FileStatus existing = StagedWriter.statOrNull(fs, target);
    if (existing == null) {
      return;
    }
    if (existing.isDirectory()) {
      throw new DfsException(ErrorCode.IS_A_DIRECTORY, target + " is a directory");
    }
    if (!overwrite) {
      throw new DfsException(
          ErrorCode.ALREADY_EXISTS, target + " already exists (use ?overwrite=true)");
    }
  }

  private void checkPartNumber(int n) {
    if (n < 1 || n > settings.maxParts()) {
      throw new DfsException(
          ErrorCode.INVALID_ARGUMENT,
          "partNumber : " + n + " (expected: 1-" + settings.maxParts() + ")");
    }
  }

  private UploadManifest manifest(String id) {
    DfsPath file = uploadDir(id).child(MANIFEST);
    byte[] bytes;
    try (InputStream in = fs.open(file)) {
      bytes = in.readNBytes(64 * 1024);
    } catch (DfsException e) {
      throw e.code() == ErrorCode.NOT_FOUND ? noSuchUpload(id) : e;
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + file, e);
    }
    return UploadManifest.parse(bytes, file);
  }

  private DfsPath uploadDir(String id) {
    if (id == null || !UPLOAD_ID.matcher(id).matches()) {
      throw noSuchUpload(id);
    }
    return settings.root().child(id);
  }

  private static UploadException noSuchUpload(String id) {
    return new UploadException(
        Reason.NO_SUCH_UPLOAD, "no multipart upload " + id + " (completed, aborted or expired)");
  }

  private Map<Integer, StoredPart> partFiles(String id) {
    DfsPath dir = uploadDir(id);
    manifest(id);
    Map<Integer, StoredPart> parts = new TreeMap<>();
    for (FileStatus f : entries(dir)) {
      Matcher m = PART.matcher(f.path().name());
      if (m.matches()) {
        StoredPart s =
            new StoredPart(
                f, new UploadPart(Integer.parseInt(m.group(1)), f.length(), etag(m.group(2))));
        parts.merge(
            s.info().partNumber(),
            s,
            (a, b) -> a.file().modificationTime().isAfter(b.file().modificationTime()) ? a : b);
      }
    }
    return parts;
  }

  private List<FileStatus> entries(DfsPath dir) {
    return entries(fs, dir);
  }

  /** Every entry of {@code dir}, page by page. */
  static List<FileStatus> entries(FileSystemUseCase fs, DfsPath dir) {
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
    return entriesOrEmpty(fs, dir);
  }

  /** As {@link #entries(FileSystemUseCase, DfsPath)}; none when {@code dir} does not exist. */
  static List<FileStatus> entriesOrEmpty(FileSystemUseCase fs, DfsPath dir) {
    try {
      return entries(fs, dir);
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
    return e.length() >= 2 && e.startsWith("\"") && e.endsWith("\"")
        ? e.substring(1, e.length() - 1)
        : e;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private record StoredPart(FileStatus file, UploadPart info) {}
}
