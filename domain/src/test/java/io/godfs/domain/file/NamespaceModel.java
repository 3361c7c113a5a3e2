package io.godfs.domain.file;

import static io.godfs.domain.error.ErrorCode.ALREADY_EXISTS;
import static io.godfs.domain.error.ErrorCode.CONFLICT;
import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.error.ErrorCode.IS_A_DIRECTORY;
import static io.godfs.domain.error.ErrorCode.NOT_A_DIRECTORY;
import static io.godfs.domain.error.ErrorCode.NOT_EMPTY;
import static io.godfs.domain.error.ErrorCode.NOT_FOUND;
import static io.godfs.domain.error.ErrorCode.NOT_PERMITTED;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.chunk.ChunkId;
import io.godfs.domain.chunk.ChunkVersion;
import io.godfs.domain.error.ErrorCode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * A deliberately naive reference for {@link Namespace}: a sorted map from path string to entry,
 * with subtree operations done by string prefix. It shares no code with the real tree (not even
 * {@link DfsPath}'s path arithmetic). The {@code *Error} methods predict a refusal without changing
 * anything (null means the operation must succeed); the other methods apply a successful one;
 * {@link #assertAgrees} checks a real namespace against it.
 */
final class NamespaceModel {
  sealed interface Entry permits Dir, File {}

  record Dir() implements Entry {}

  record Chunk(ChunkId id, long granted, long committed, long length) {}

  static final class File implements Entry {
    final long id;
    final int replication;
    final long chunkSize;
    long length;
    final TreeMap<Integer, Chunk> chunks = new TreeMap<>();

    File(long id, int replication, long chunkSize) {
      this.id = id;
      this.replication = replication;
      this.chunkSize = chunkSize;
    }
  }

  final TreeMap<String, Entry> tree = new TreeMap<>(Map.of("/", new Dir()));

  static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash == 0 ? "/" : path.substring(0, slash);
  }

  static String child(String dir, String name) {
    return dir.equals("/") ? "/" + name : dir + "/" + name;
  }

  static boolean under(String ancestor, String path) {
    return ancestor.equals("/") || path.equals(ancestor) || path.startsWith(ancestor + "/");
  }

  List<String> childNames(String dir) {
    List<String> names = new ArrayList<>();
    for (String path : tree.keySet()) {
      if (!path.equals("/") && parent(path).equals(dir)) {
        names.add(path.substring(path.lastIndexOf('/') + 1));
      }
    }
    names.sort(null);
    return names;
  }

  List<String> subtree(String path) {
    return tree.keySet().stream().filter(p -> under(path, p)).toList();
  }

  /** Each file once, however many names it has. */
  List<File> files() {
    return tree.values().stream()
        .filter(File.class::isInstance)
        .map(File.class::cast)
        .distinct()
        .toList();
  }

  /** The paths naming {@code entry} (hard links: a file may have several). */
  List<String> pathsOf(Entry entry) {
    return tree.entrySet().stream()
        .filter(e -> e.getValue() == entry)
        .map(Map.Entry::getKey)
        .toList();
  }

  /** The files that lose their last name when the paths {@code gone} go. */
  List<File> filesLeaving(List<String> gone) {
    return gone.stream()
        .map(tree::get)
        .filter(File.class::isInstance)
        .map(File.class::cast)
        .distinct()
        .filter(f -> gone.containsAll(pathsOf(f)))
        .toList();
  }

  ErrorCode linkError(String existing, String link) {
    ErrorCode e = lookupError(existing);
    if (e != null) {
      return e;
    }
    if (link.equals("/")) {
      return ALREADY_EXISTS;
    }
    e = directoryError(parent(link));
    if (e != null) {
      return e;
    }
    if (tree.containsKey(link)) {
      return ALREADY_EXISTS;
    }
    return tree.get(existing) instanceof Dir ? NOT_PERMITTED : null;
  }

  void link(String existing, String link) {
    tree.put(link, tree.get(existing));
  }

  ErrorCode exchangeError(String a, String b) {
    if (a.equals("/") || b.equals("/")) {
      return INVALID_ARGUMENT;
    }
    ErrorCode e = lookupError(a);
    if (e == null) {
      e = lookupError(b);
    }
    if (e != null || tree.get(a) == tree.get(b)) {
      return e;
    }
    return under(a, b) || under(b, a) ? INVALID_ARGUMENT : null;
  }

  void exchange(String a, String b) {
    if (tree.get(a) == tree.get(b)) {
      return;
    }
    TreeMap<String, Entry> swapped = new TreeMap<>();
    for (String p : subtree(a)) {
      swapped.put(b + p.substring(a.length()), tree.remove(p));
    }
    for (String p : subtree(b)) {
      swapped.put(a + p.substring(b.length()), tree.remove(p));
    }
    tree.putAll(swapped);
  }

  /** NOT_FOUND or NOT_A_DIRECTORY when walking to {@code path} fails, else null. */
  ErrorCode lookupError(String path) {
    if (path.equals("/")) {
      return null;
    }
    String walked = "";
    for (String segment : path.substring(1).split("/")) {
      if (tree.get(walked.isEmpty() ? "/" : walked) instanceof File) {
        return NOT_A_DIRECTORY;
      }
      walked = walked + "/" + segment;
      if (!tree.containsKey(walked)) {
        return NOT_FOUND;
      }
    }
    return null;
  }

  private ErrorCode directoryError(String path) {
    ErrorCode e = lookupError(path);
    return e != null ? e : tree.get(path) instanceof File ? NOT_A_DIRECTORY : null;
  }

  private ErrorCode fileError(String path) {
    ErrorCode e = lookupError(path);
    return e != null ? e : tree.get(path) instanceof Dir ? IS_A_DIRECTORY : null;
  }

  ErrorCode mkdirError(String path, boolean parents) {
    if (path.equals("/")) {
      return parents ? null : ALREADY_EXISTS;
    }
    String[] segments = path.substring(1).split("/");
    String walked = "";
    for (int i = 0; i < segments.length; i++) {
      walked = walked + "/" + segments[i];
      boolean last = i == segments.length - 1;
      Entry e = tree.get(walked);
      if (e == null && !last && !parents) {
        return NOT_FOUND;
      }
      if (e instanceof Dir && last && !parents) {
        return ALREADY_EXISTS;
      }
      if (e instanceof File) {
        return last ? ALREADY_EXISTS : NOT_A_DIRECTORY;
      }
    }
    return null;
  }

  void mkdir(String path) {
    for (String p = path; !p.equals("/"); p = parent(p)) {
      tree.putIfAbsent(p, new Dir());
    }
  }

  ErrorCode createError(String path, boolean overwrite, int replication, long chunkSize) {
    if (path.equals("/")) {
      return IS_A_DIRECTORY;
    }
    if (replication < 1
        || replication > 16
        || chunkSize < 65536
        || chunkSize > (1L << 30)
        || chunkSize % 65536 != 0) {
      return INVALID_ARGUMENT;
    }
    ErrorCode e = directoryError(parent(path));
    if (e != null) {
      return e;
    }
    Entry existing = tree.get(path);
    if (existing instanceof Dir) {
      return IS_A_DIRECTORY;
    }
    return existing instanceof File && !overwrite ? ALREADY_EXISTS : null;
  }

  ErrorCode renameError(String source, String target, boolean replace) {
    if (source.equals("/")) {
      return INVALID_ARGUMENT;
    }
    if (target.equals("/")) {
      return ALREADY_EXISTS;
    }
    ErrorCode e = lookupError(source);
    if (e != null || source.equals(target)) {
      return e;
    }
    Entry moving = tree.get(source);
    if (moving instanceof Dir && under(source, target)) {
      return INVALID_ARGUMENT;
    }
    e = directoryError(parent(target));
    if (e != null) {
      return e;
    }
    Entry existing = tree.get(target);
    if (existing == null) {
      return null;
    }
    if (!replace) {
      return ALREADY_EXISTS;
    }
    if (existing instanceof Dir) {
      return IS_A_DIRECTORY;
    }
    return moving instanceof Dir ? NOT_A_DIRECTORY : null;
  }

  void rename(String source, String target) {
    if (source.equals(target) || tree.get(source) == tree.get(target)) {
      return; // the same path, or two names of one file: nothing happens
    }
    tree.remove(target);
    TreeMap<String, Entry> moved = new TreeMap<>();
    for (String p : subtree(source)) {
      moved.put(target + p.substring(source.length()), tree.remove(p));
    }
    tree.putAll(moved);
  }

  ErrorCode deleteError(String path, boolean recursive) {
    if (path.equals("/")) {
      return INVALID_ARGUMENT;
    }
    ErrorCode e = lookupError(path);
    if (e != null) {
      return e;
    }
    return tree.get(path) instanceof Dir && !childNames(path).isEmpty() && !recursive
        ? NOT_EMPTY
        : null;
  }

  void delete(String path) {
    subtree(path).forEach(tree::remove);
  }

  /** The file with this id wherever it is now (writers address files by id), or null. */
  File fileById(FileId fileId) {
    return files().stream().filter(f -> f.id == fileId.value()).findFirst().orElse(null);
  }

  ErrorCode allocateError(String path, FileId fileId, int index) {
    File f = fileById(fileId);
    if (f == null) {
      return CONFLICT;
    }
    return index < 0 || (long) index * f.chunkSize >= Namespace.MAX_FILE_LENGTH
        ? INVALID_ARGUMENT
        : null;
  }

  ErrorCode commitError(
      String path, FileId fileId, int index, ChunkId chunkId, long version, long length) {
    File f = fileById(fileId);
    if (f == null) {
      return CONFLICT;
    }
    Chunk c = f.chunks.get(index);
    if (c == null || !c.id().equals(chunkId) || c.granted() != version) {
      return CONFLICT;
    }
    return length < 0 || length > f.chunkSize ? INVALID_ARGUMENT : null;
  }

  // ---------------------------------------------------------------- agreement with the real thing

  /**
   * Asserts that {@code ns} shows exactly this model: stat of every path, sorted duplicate-free
   * listings (whole and paged by {@code pageLimit}), each chunk in one slot with its owner, located
   * chunks, and the file and chunk counts.
   */
  void assertAgrees(Namespace ns, String ctx, int pageLimit) {
    int chunkTotal = 0;
    Set<ChunkId> seen = new HashSet<>();
    Set<Long> filesSeen = new HashSet<>();
    for (var e : tree.entrySet()) {
      DfsPath path = DfsPath.of(e.getKey());
      FileStatus s = ns.stat(path).orThrow();
      if (e.getValue() instanceof Dir) {
        assertThat(s.isDirectory()).as(ctx + path).isTrue();
        List<String> names = childNames(e.getKey());
        assertListing(ns, path, names, ctx, pageLimit);
        long subdirectories =
            names.stream().filter(n -> tree.get(child(e.getKey(), n)) instanceof Dir).count();
        assertThat(s.links()).as(ctx + "st_nlink of " + path).isEqualTo(2 + subdirectories);
        continue;
      }
      File f = (File) e.getValue();
      List<String> names = pathsOf(f);
      assertThat(s.links()).as(ctx + "st_nlink of " + path).isEqualTo(names.size());
      if (!filesSeen.add(f.id)) {
        continue; // another name of a file checked already
      }
      assertThat(
              List.of(
                  s.type(),
                  s.fileId().value(),
                  s.length(),
                  s.replication(),
                  s.chunkSize(),
                  s.chunkCount()))
          .as(ctx + "stat " + path)
          .isEqualTo(
              List.of(FileType.FILE, f.id, f.length, f.replication, f.chunkSize, f.chunks.size()));
      for (var c : f.chunks.entrySet()) {
        Chunk m = c.getValue();
        assertThat(seen.add(m.id())).as(ctx + m.id() + " in two slots").isTrue();
        ChunkRef ref =
            new ChunkRef(
                m.id(), new ChunkVersion(m.granted()), new ChunkVersion(m.committed()), m.length());
        ChunkOwner owner = ns.chunkOwner(m.id()).orElseThrow();
        assertThat(owner)
            .as(ctx + "owner of " + m.id())
            .isEqualTo(new ChunkOwner(new FileId(f.id), owner.path(), c.getKey(), ref));
        assertThat(names).as(ctx + "owner path of " + m.id()).contains(owner.path().value());
      }
      chunkTotal += f.chunks.size();
      List<Integer> visible =
          f.chunks.keySet().stream().filter(i -> (long) i * f.chunkSize < f.length).toList();
      assertThat(ns.locate(path, 0, 0).orThrow().chunks())
          .as(ctx + "locate " + path)
          .extracting(IndexedChunk::index)
          .isEqualTo(visible);
    }
    assertThat(ns.fileCount()).as(ctx + "fileCount").isEqualTo(files().size());
    assertThat(ns.chunkCount()).as(ctx + "chunkCount").isEqualTo(chunkTotal);
  }

  private static void assertListing(
      Namespace ns, DfsPath dir, List<String> expected, String ctx, int limit) {
    Listing full = ns.list(dir, null, Listing.MAX_LIMIT).orThrow();
    List<String> names = full.entries().stream().map(s -> s.path().name()).toList();
    assertThat(names).as(ctx + "list " + dir).isEqualTo(expected);
    assertThat(names)
        .as(ctx + "list " + dir + " sorted, no duplicates")
        .isSortedAccordingTo(String::compareTo)
        .doesNotHaveDuplicates();
    for (FileStatus s : full.entries()) {
      assertThat(s.path().parent()).as(ctx).isEqualTo(dir);
      assertThat(ns.stat(s.path()).orThrow()).as(ctx + "listed vs stat").isEqualTo(s);
    }
    Listing page = ns.list(dir, null, limit).orThrow();
    List<FileStatus> paged = new ArrayList<>(page.entries());
    while (page.hasMore()) {
      assertThat(page.entries()).as(ctx + "a page with more after it is full").hasSize(limit);
      page = ns.list(dir, page.entries().getLast().path().name(), limit).orThrow();
      assertThat(page.entries()).as(ctx + "hasMore promised a next page").isNotEmpty();
      paged.addAll(page.entries());
    }
    assertThat(page.entries().size()).as(ctx + "page size").isLessThanOrEqualTo(limit);
    assertThat(paged).as(ctx + "pages of " + dir + " by " + limit).isEqualTo(full.entries());
  }
}
