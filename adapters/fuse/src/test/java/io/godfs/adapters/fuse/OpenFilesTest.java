package io.godfs.adapters.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.file.DfsPath;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * One open file per inode, found through every name it was opened through; the name it is written
 * through follows renames and hands over to another name when it goes.
 */
class OpenFilesTest {
  private static final DfsPath A = DfsPath.of("/d/a");
  private static final DfsPath B = DfsPath.of("/e/b");
  private static final DfsPath C = DfsPath.of("/d/c");

  private final OpenFiles files = new OpenFiles();

  private static OpenFile file(DfsPath path, long inode) {
    return OpenFile.existing(null, new Deadlines(Duration.ZERO), 1 << 20, path, inode, 10);
  }

  @Test
  void twoNamesOfOneFileShareItsOpenFileUntilTheLastRelease() {
    OpenFile first = files.acquire(A, () -> file(A, 7));
    OpenFile second = files.acquire(B, () -> file(B, 7));

    assertThat(second).isSameAs(first);
    assertThat(files.get(B)).isSameAs(first);
    assertThat(files.ofInode(7)).isSameAs(first);
    assertThat(first.path()).as("written through the name it was opened by first").isEqualTo(A);
    assertThat(files.release(first)).isFalse();
    assertThat(files.release(first)).isTrue();
    assertThat(files.get(A)).isNull();
    assertThat(files.get(B)).isNull();
    assertThat(files.ofInode(7)).isNull();
  }

  @Test
  void anotherFileUnderTheSameNameLaterIsAnotherOpenFile() {
    OpenFile first = files.acquire(A, () -> file(A, 7));
    files.release(first);
    assertThat(files.acquire(A, () -> file(A, 8)).inode()).isEqualTo(8);
  }

  @Test
  void renamingADirectoryMovesTheNamesBelowItAndTheWritingName() {
    OpenFile open = files.acquire(A, () -> file(A, 7));
    files.acquire(B, () -> file(B, 7));
    DfsPath moved = DfsPath.of("/f");

    open.lock();
    try {
      files.moved(DfsPath.of("/d"), moved);
    } finally {
      open.unlock();
    }

    assertThat(open.path()).isEqualTo(DfsPath.of("/f/a"));
    assertThat(files.get(DfsPath.of("/f/a"))).isSameAs(open);
    assertThat(files.get(A)).isNull();
    assertThat(files.get(B)).isSameAs(open);
  }

  @Test
  void whenTheWritingNameIsUnlinkedOrReplacedAnotherNameTakesOver() {
    OpenFile open = files.acquire(A, () -> file(A, 7));
    files.acquire(B, () -> file(B, 7));
    files.acquire(C, () -> file(C, 7));

    open.lock();
    try {
      files.unlinked(A);
      assertThat(open.path()).isEqualTo(B);
      files.moved(DfsPath.of("/x"), B); // another file renamed over B
      assertThat(open.path()).isEqualTo(C);
    } finally {
      open.unlock();
    }
    assertThat(files.get(A)).isNull();
    assertThat(files.get(B)).isNull();
    assertThat(files.get(C)).isSameAs(open);
  }

  @Test
  void anExchangeSwapsTheOpenFilesOfBothNames() {
    OpenFile atA = files.acquire(A, () -> file(A, 7));
    OpenFile atB = files.acquire(B, () -> file(B, 8));

    assertThat(files.under(B, A)).as("by inode").containsExactly(atA, atB);
    atA.lock();
    atB.lock();
    try {
      files.exchanged(A, B);
    } finally {
      atB.unlock();
      atA.unlock();
    }

    assertThat(files.get(A)).isSameAs(atB);
    assertThat(files.get(B)).isSameAs(atA);
    assertThat(atA.path()).isEqualTo(B);
    assertThat(atB.path()).isEqualTo(A);
  }

  @Test
  void underListsAFileWithSeveralNamesThereOnce() {
    OpenFile open = files.acquire(A, () -> file(A, 7));
    files.acquire(C, () -> file(C, 7));
    assertThat(files.under(DfsPath.of("/d"))).containsExactly(open);
  }
}
