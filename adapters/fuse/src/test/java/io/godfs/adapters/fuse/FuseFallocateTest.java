package io.godfs.adapters.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.out.MountMeter;
import io.godfs.domain.file.DfsPath;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.junit.jupiter.api.Test;

/**
 * fallocate grows the length as ftruncate does, keeps it for FALLOC_FL_KEEP_SIZE and refuses every
 * mode that would change bytes inside the file.
 */
class FuseFallocateTest {
  private static final DfsPath FILE = DfsPath.of("/m/f");
  private static final int PUNCH_HOLE = 0x02;
  private static final int COLLAPSE_RANGE = 0x08;
  private static final int ZERO_RANGE = 0x10;
  private static final int INSERT_RANGE = 0x20;
  private static final int UNSHARE_RANGE = 0x40;

  private final List<String> masterCalls = new ArrayList<>();
  private final HandleTable handles = new HandleTable();
  private final OpenFile file =
      OpenFile.existing(fakeMaster(), new Deadlines(Duration.ZERO), 1 << 20, FILE, 1, 100);

  private FuseFallocate fallocate(boolean readOnly) {
    return new FuseFallocate(new FuseCalls(MountMeter.NONE), handles, readOnly);
  }

  /** A {@code struct fuse_file_info} naming a handle of {@link #file}. */
  private FileInfo handle(boolean writable) {
    Pointer struct = Memory.allocateDirect(Runtime.getSystemRuntime(), 64, true);
    FileInfo fi = new FileInfo(struct);
    fi.handle(handles.add(file, writable, null));
    return fi;
  }

  @Test
  void modeZeroPastTheEndGrowsTheFileAsATruncateDoes() {
    assertThat(fallocate(false).fallocate("/f", 0, 50, 150, handle(true))).isZero();
    assertThat(masterCalls).containsExactly("truncate /m/f 200");
    assertThat(size()).isEqualTo(200);
  }

  @Test
  void modeZeroInsideTheFileChangesNothing() {
    assertThat(fallocate(false).fallocate("/f", 0, 0, 100, handle(true))).isZero();
    assertThat(masterCalls).isEmpty();
    assertThat(size()).isEqualTo(100);
  }

  @Test
  void keepSizeSucceedsWithoutTouchingTheFile() {
    int keepSize = FuseFallocate.FALLOC_FL_KEEP_SIZE;
    assertThat(fallocate(false).fallocate("/f", keepSize, 0, 1 << 20, handle(true))).isZero();
    assertThat(masterCalls).isEmpty();
    assertThat(size()).isEqualTo(100);
  }

  @Test
  void modesThatChangeBytesInsideTheFileAreNotSupported() {
    FuseFallocate fallocate = fallocate(false);
    FileInfo fi = handle(true);
    int keepSize = FuseFallocate.FALLOC_FL_KEEP_SIZE;
    for (int mode :
        new int[] {
          PUNCH_HOLE | keepSize,
          ZERO_RANGE,
          ZERO_RANGE | keepSize,
          COLLAPSE_RANGE,
          INSERT_RANGE,
          UNSHARE_RANGE,
          0x1000
        }) {
      assertThat(fallocate.fallocate("/f", mode, 0, 10, fi))
          .as("mode %#x", mode)
          .isEqualTo(-Errno.EOPNOTSUPP);
    }
    assertThat(masterCalls).isEmpty();
  }

  @Test
  void aReadOnlyMountOrHandleRefuses() {
    assertThat(fallocate(true).fallocate("/f", 0, 0, 1000, handle(true))).isEqualTo(-Errno.EROFS);
    assertThat(fallocate(false).fallocate("/f", 0, 0, 1000, handle(false))).isEqualTo(-Errno.EBADF);
    assertThat(fallocate(false).fallocate("/f", 0, Long.MAX_VALUE, 1, handle(true)))
        .isEqualTo(-Errno.EFBIG);
    assertThat(masterCalls).isEmpty();
  }

  private long size() {
    file.lock();
    try {
      return file.size();
    } finally {
      file.unlock();
    }
  }

  private FileSystemUseCase fakeMaster() {
    return (FileSystemUseCase)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {FileSystemUseCase.class},
            (proxy, method, args) -> {
              if (!method.getName().equals("truncate")) {
                throw new AssertionError("unexpected call " + method.getName());
              }
              masterCalls.add("truncate " + args[0] + " " + args[1]);
              return null;
            });
  }
}
