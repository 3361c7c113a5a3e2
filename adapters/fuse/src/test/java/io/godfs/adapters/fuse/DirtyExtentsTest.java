package io.godfs.adapters.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DirtyExtentsTest {

  @Test
  void randomWritesRemovesAndTruncatesMatchAByteArrayModel() {
    SplittableRandom random = new SplittableRandom(7);
    int size = 3 * DirtyExtents.MAX_EXTENT;
    byte[] model = new byte[size];
    boolean[] present = new boolean[size];
    DirtyExtents dirty = new DirtyExtents();
    for (int op = 0; op < 20_000; op++) {
      int off = random.nextInt(size - 70_000);
      int len = 1 + random.nextInt(random.nextInt(10) == 0 ? 65_536 : 600);
      switch (random.nextInt(10)) {
        case 0 -> {
          dirty.remove(off, off + len);
          Arrays.fill(present, off, off + len, false);
        }
        case 1 -> {
          if (random.nextInt(20) == 0) {
            dirty.truncate(off);
            Arrays.fill(present, off, size, false);
          }
        }
        default -> {
          byte[] data = new byte[len + 3];
          random.nextBytes(data);
          dirty.write(off, data, 3, len);
          System.arraycopy(data, 3, model, off, len);
          Arrays.fill(present, off, off + len, true);
        }
      }
    }
    byte[] seen = new byte[size];
    Arrays.fill(seen, (byte) 0x5A);
    dirty.overlay(0, seen, 0, size);
    long count = 0;
    long end = 0;
    for (int i = 0; i < size; i++) {
      if (present[i]) {
        assertThat(seen[i]).as("byte %d", i).isEqualTo(model[i]);
        count++;
        end = i + 1;
      } else {
        assertThat(seen[i]).as("byte %d is not buffered", i).isEqualTo((byte) 0x5A);
      }
    }
    assertThat(dirty.bytes()).isEqualTo(count);
    assertThat(dirty.end()).isEqualTo(end);
    long previousEnd = -1;
    for (DirtyExtents.Extent e : dirty.extents()) {
      assertThat(e.offset()).as("sorted, not overlapping").isGreaterThanOrEqualTo(previousEnd);
      assertThat(e.length()).isPositive();
      previousEnd = e.end();
    }
  }

  @Test
  void sequentialSmallWritesGrowOneExtentUpToTheLimit() {
    DirtyExtents dirty = new DirtyExtents();
    byte[] chunk = new byte[4096];
    for (long off = 0; off < 3L * DirtyExtents.MAX_EXTENT; off += chunk.length) {
      dirty.write(off, chunk, 0, chunk.length);
    }
    assertThat(dirty.extents()).hasSize(3);
    assertThat(dirty.bytes()).isEqualTo(3L * DirtyExtents.MAX_EXTENT);
  }

  @Test
  void overlayCopiesOnlyTheRequestedWindow() {
    DirtyExtents dirty = new DirtyExtents();
    dirty.write(10, new byte[] {1, 2, 3, 4}, 0, 4);
    byte[] dst = new byte[6];
    dirty.overlay(12, dst, 1, 4);
    assertThat(dst).containsExactly(0, 3, 4, 0, 0, 0);
  }
}
