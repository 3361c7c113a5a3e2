package io.godfs.domain.file;

import static io.godfs.domain.Outcomes.ok;
import static io.godfs.domain.Outcomes.rejected;
import static io.godfs.domain.error.ErrorCode.INVALID_ARGUMENT;
import static io.godfs.domain.error.ErrorCode.NOT_FOUND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.domain.chunk.ChunkLayout;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The names-only listing (ADR 0033): for every view a listing has (a live directory, a file, a
 * {@code .snapshot} directory, a directory as a snapshot saw it) it gives the names, types and file
 * ids that the full listing gives, page by page, and its packed form holds what was put in.
 */
class NameListingTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final Instant T1 = T0.plusSeconds(1);

  private final Namespace ns = Namespace.empty(T0);

  private static DfsPath p(String raw) {
    return DfsPath.of(raw);
  }

  private void file(String path) {
    ok(ns.createFile(p(path), false, 3, ChunkLayout.MIN_CHUNK_SIZE, T0));
  }

  /** name type fileId, for each entry of the full listing. */
  private List<String> expected(String dir) {
    return ok(ns.list(p(dir), null, Listing.MAX_LIMIT)).entries().stream()
        .map(s -> s.path().name() + " " + s.type() + " " + s.fileId().value())
        .toList();
  }

  private static List<String> entries(NameListing names) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      out.add(names.name(i) + " " + names.type(i) + " " + names.fileId(i));
    }
    return out;
  }

  @Test
  void everyViewListsTheNamesTypesAndIdsOfTheFullListing() {
    ok(ns.mkdir(p("/d/sub"), true, T0));
    for (String name : List.of("b", "a", "a-b", "é", "z.txt")) {
      file("/d/" + name);
    }
    new NamespaceCommand.MakeNode(p("/d/fifo"), FileType.FIFO, 0, new Ownership(0, 0, 0644), T0)
        .applyTo(ns)
        .orThrow();
    ns.metadata().symlink(p("/d/link"), "a", null, T0).orThrow();
    ok(ns.allowSnapshots(p("/d"), T0));
    ok(ns.createSnapshot(p("/d"), "s1", T0));
    ok(ns.delete(p("/d/b"), false, T1)); // gone now, still in the snapshot
    file("/d/new");
    ok(ns.createSnapshot(p("/d"), "s2", T1));

    for (String view : List.of("/d", "/d/a", "/d/.snapshot", "/d/.snapshot/s1", "/")) {
      NameListing names = ok(ns.listNames(p(view), null, NameListing.MAX_LIMIT));
      assertThat(entries(names)).as(view).isEqualTo(expected(view)).isNotEmpty();
      assertThat(names.hasMore()).as(view).isFalse();
    }
    assertThat(entries(ok(ns.listNames(p("/d/.snapshot/s1"), null, 100))))
        .anyMatch(e -> e.startsWith("b FILE"))
        .noneMatch(e -> e.startsWith("new "));
  }

  @Test
  void pagesFollowStartAfterAndLimitAsTheFullListingDoes() {
    ok(ns.mkdir(p("/d"), false, T0));
    for (String name : List.of("e", "d", "c", "b", "a")) {
      file("/d/" + name);
    }
    NameListing first = ok(ns.listNames(p("/d"), null, 2));
    assertThat(entries(first)).extracting(e -> e.split(" ")[0]).containsExactly("a", "b");
    assertThat(first.hasMore()).isTrue();
    NameListing next = ok(ns.listNames(p("/d"), "bb", 2));
    assertThat(entries(next)).extracting(e -> e.split(" ")[0]).containsExactly("c", "d");
    assertThat(next.hasMore()).isTrue();
    NameListing last = ok(ns.listNames(p("/d"), "d", 2));
    assertThat(entries(last)).extracting(e -> e.split(" ")[0]).containsExactly("e");
    assertThat(last.hasMore()).isFalse();
    assertThat(ok(ns.listNames(p("/d"), "e", 1)).size()).isZero();
  }

  @Test
  void aPageOfLongNamesEndsAtItsByteBoundAndTheNextGoesOn() {
    ok(ns.mkdir(p("/long"), false, T0));
    int count = NameListing.MAX_PAGE_BYTES / 200 + 100;
    for (int i = 0; i < count; i++) {
      file("/long/" + String.format("%05d", i) + "x".repeat(250));
    }
    NameListing first = ok(ns.listNames(p("/long"), null, NameListing.MAX_LIMIT));
    assertThat(first.hasMore()).isTrue();
    assertThat(first.size()).isLessThan(count);
    assertThat(first.packedNames().length).isBetween(NameListing.MAX_PAGE_BYTES, 1 << 21);
    NameListing rest =
        ok(ns.listNames(p("/long"), first.name(first.size() - 1), NameListing.MAX_LIMIT));
    assertThat(first.size() + rest.size()).isEqualTo(count);
    assertThat(rest.hasMore()).isFalse();
  }

  @Test
  void badLimitsAndMissingPathsAreRefusedNamingWhy() {
    rejected(ns.listNames(DfsPath.ROOT, null, 0), INVALID_ARGUMENT);
    rejected(ns.listNames(DfsPath.ROOT, null, NameListing.MAX_LIMIT + 1), INVALID_ARGUMENT);
    rejected(ns.listNames(p("/nope"), null, 10), NOT_FOUND);
  }

  @Test
  void thePackedFormHoldsWhatWasPutAndFindsNamesInOrder() {
    NameListing page =
        new NameListing.Builder()
            .add("a", FileType.DIRECTORY, 7)
            .add("z", FileType.SOCKET, 8)
            .add("ça", FileType.SYMLINK, 9) // after "z" as Java strings compare
            .build(true);
    assertThat(page.size()).isEqualTo(3);
    assertThat(page.hasMore()).isTrue();
    assertThat(page.name(2)).isEqualTo("ça");
    assertThat(page.nameLength(2)).isEqualTo("ça".getBytes(StandardCharsets.UTF_8).length);
    assertThat(page.packedNames()[page.nameStart(2) + page.nameLength(2)]).isZero();
    assertThat(page.type(1)).isEqualTo(FileType.SOCKET);
    assertThat(page.fileId(0)).isEqualTo(7);
    assertThat(page.indexOf("ça")).isEqualTo(2);
    assertThat(page.indexOf("z")).isEqualTo(1);
    assertThat(page.indexOf("b")).isEqualTo(-1);
    assertThat(NameListing.empty().size()).isZero();
  }

  @Test
  void packedPartsThatDisagreeAreRefusedSayingHow() {
    byte[] two = "a\0b\0".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> new NameListing(two, new byte[1], new long[1], false))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("2 bytes follow the last of 1 names");
    assertThatThrownBy(() -> new NameListing(two, new byte[3], new long[3], false))
        .hasMessage("names hold 2 NUL-terminated names, expected 3");
    assertThatThrownBy(() -> new NameListing(two, new byte[2], new long[1], false))
        .hasMessage("2 types for 1 file ids (expected: one each)");
    assertThatThrownBy(() -> new NameListing(two, new byte[] {0, 9}, new long[2], false))
        .hasMessage("type 9 of name 1 is unknown");
  }
}
