package io.godfs.adapters.fuse;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.adapters.fuse.PosixAttributes.Caller;
import io.godfs.application.port.in.FileSystemUseCase;
import io.godfs.application.port.out.MountMeter;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileId;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.FileType;
import io.godfs.domain.file.InodeAttributes;
import io.godfs.domain.file.XattrMode;
import io.godfs.domain.file.Xattrs;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.junit.jupiter.api.Test;

/** The xattr callbacks answer as Linux file systems do, and ask the master only when they must. */
class FuseXattrsTest {
  private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
  private static final Caller ROOT = new Caller(0, 0, 022);
  private static final Caller USER = new Caller(1234, 1234, 022);

  private final TreeMap<String, byte[]> stored = new TreeMap<>();
  private final List<String> masterCalls = new ArrayList<>();
  private final FileSystemUseCase master = fakeMaster();
  private final MetadataCache cache =
      new MetadataCache(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1));
  private final FuseXattrs xattrs = xattrs(false);

  private FuseXattrs xattrs(boolean readOnly) {
    return new FuseXattrs(
        master,
        cache,
        new Deadlines(Duration.ZERO),
        new FuseCalls(MountMeter.NONE),
        p -> DfsPath.of("/m" + p),
        readOnly);
  }

  @Test
  void securityAndSystemNamesHaveNoValueAndCostNoMasterCall() {
    for (String name :
        new String[] {"security.selinux", "security.capability", "system.posix_acl_access"}) {
      assertThat(xattrs.getxattr("/f", name, null, 0)).isEqualTo(-Errno.ENODATA);
      assertThat(xattrs.removexattr("/f", name)).isEqualTo(-Errno.ENODATA);
      assertThat(xattrs.setxattr("/f", name, buffer(new byte[1]), 1, 0))
          .isEqualTo(-Errno.EOPNOTSUPP);
    }
    assertThat(xattrs.getxattr("/f", "foo.bar", null, 0)).isEqualTo(-Errno.EOPNOTSUPP);
    assertThat(xattrs.setxattr("/f", "user.", buffer(new byte[1]), 1, 0)).isEqualTo(-Errno.EINVAL);
    assertThat(xattrs.setxattr("/f", "user.k", buffer(new byte[1]), 1, 4)).isEqualTo(-Errno.EINVAL);
    assertThat(masterCalls).isEmpty();
  }

  @Test
  void aValueIsSetReadBackWithItsLengthAndCachedUntilItChanges() {
    byte[] value = {0, 'a', 0, (byte) 0xff};
    assertThat(xattrs.setxattr("/f", "user.k", buffer(value), value.length, 0)).isZero();
    assertThat(stored.get("user.k")).containsExactly(value);

    assertThat(xattrs.getxattr("/f", "user.k", null, 0)).isEqualTo(4);
    assertThat(xattrs.getxattr("/f", "user.k", buffer(new byte[3]), 3)).isEqualTo(-Errno.ERANGE);
    Pointer out = buffer(new byte[16]);
    assertThat(xattrs.getxattr("/f", "user.k", out, 16)).isEqualTo(4);
    byte[] read = new byte[4];
    out.get(0, read, 0, 4);
    assertThat(read).containsExactly(value);
    assertThat(xattrs.getxattr("/f", "user.missing", null, 0)).isEqualTo(-Errno.ENODATA);
    assertThat(masterCalls).containsExactly("setXattr /m/f user.k EITHER", "xattrs /m/f");

    // The mount's own change is seen at once; the change time it moved too.
    assertThat(xattrs.removexattr("/f", "user.k")).isZero();
    assertThat(cache.lookup(DfsPath.of("/m/f")).attributes().changed()).isEqualTo(T);
    assertThat(xattrs.getxattr("/f", "user.k", null, 0)).isEqualTo(-Errno.ENODATA);
    assertThat(xattrs.removexattr("/f", "user.k")).isEqualTo(-Errno.ENODATA);
  }

  @Test
  void createAndReplaceFlagsAsLinuxHasThem() {
    byte[] v = {'v'};
    assertThat(xattrs.setxattr("/f", "user.k", buffer(v), 1, FuseXattrs.XATTR_REPLACE))
        .isEqualTo(-Errno.ENODATA);
    assertThat(xattrs.setxattr("/f", "user.k", buffer(v), 1, FuseXattrs.XATTR_CREATE)).isZero();
    assertThat(xattrs.setxattr("/f", "user.k", buffer(v), 1, FuseXattrs.XATTR_CREATE))
        .isEqualTo(-Errno.EEXIST);
    assertThat(xattrs.setxattr("/f", "user.k", buffer(v), 1, FuseXattrs.XATTR_REPLACE)).isZero();
    int both = FuseXattrs.XATTR_CREATE | FuseXattrs.XATTR_REPLACE;
    assertThat(xattrs.setxattr("/f", "user.k", buffer(v), 1, both)).isEqualTo(-Errno.EEXIST);
    assertThat(xattrs.setxattr("/f", "user.other", buffer(v), 1, both)).isEqualTo(-Errno.ENODATA);
    assertThat(stored).containsOnlyKeys("user.k");
  }

  @Test
  void theListIsNulSeparatedAndShowsTrustedNamesToRootOnly() {
    stored.put("user.b", new byte[] {1});
    stored.put("trusted.t", new byte[] {2});
    stored.put("user.a", new byte[0]);
    byte[] all = "trusted.t\0user.a\0user.b\0".getBytes(StandardCharsets.UTF_8);
    byte[] users = "user.a\0user.b\0".getBytes(StandardCharsets.UTF_8);

    assertThat(xattrs.listxattr("/f", null, 0, ROOT)).isEqualTo(all.length);
    assertThat(xattrs.listxattr("/f", null, 0, USER)).isEqualTo(users.length);
    assertThat(xattrs.listxattr("/f", buffer(new byte[5]), 5, ROOT)).isEqualTo(-Errno.ERANGE);
    Pointer out = buffer(new byte[64]);
    assertThat(xattrs.listxattr("/f", out, 64, USER)).isEqualTo(users.length);
    byte[] listed = new byte[users.length];
    out.get(0, listed, 0, listed.length);
    assertThat(listed).containsExactly(users);
    assertThat(masterCalls).containsExactly("xattrs /m/f");
  }

  @Test
  void aReadOnlyMountRefusesChanges() {
    FuseXattrs readOnly = xattrs(true);
    assertThat(readOnly.setxattr("/f", "user.k", buffer(new byte[1]), 1, 0))
        .isEqualTo(-Errno.EROFS);
    assertThat(readOnly.removexattr("/f", "user.k")).isEqualTo(-Errno.EROFS);
    assertThat(masterCalls).isEmpty();
  }

  private static Pointer buffer(byte[] bytes) {
    Pointer p = Memory.allocateDirect(Runtime.getSystemRuntime(), Math.max(1, bytes.length));
    p.put(0, bytes, 0, bytes.length);
    return p;
  }

  private static FileStatus status(DfsPath path) {
    return new FileStatus(
        path,
        FileType.FILE,
        new FileId(7),
        0,
        T.minusSeconds(60),
        T.minusSeconds(60),
        1 << 20,
        1,
        0,
        false,
        new InodeAttributes(0, 0, 0644, T.minusSeconds(60), T));
  }

  /** The master's xattr calls on one file's attributes ({@link #stored}), recorded. */
  private FileSystemUseCase fakeMaster() {
    return (FileSystemUseCase)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {FileSystemUseCase.class},
            (proxy, method, args) -> {
              DfsPath path = (DfsPath) args[0];
              switch (method.getName()) {
                case "xattrs" -> {
                  masterCalls.add("xattrs " + path);
                  return Xattrs.of(stored);
                }
                case "setXattr" -> {
                  String name = (String) args[1];
                  XattrMode mode = (XattrMode) args[3];
                  masterCalls.add("setXattr " + path + " " + name + " " + mode);
                  if (mode == XattrMode.CREATE && stored.containsKey(name)) {
                    throw new DfsException(ErrorCode.ALREADY_EXISTS, name);
                  }
                  if (mode == XattrMode.REPLACE && !stored.containsKey(name)) {
                    throw new DfsException(ErrorCode.NO_ATTRIBUTE, name);
                  }
                  stored.put(name, (byte[]) args[2]);
                  return status(path);
                }
                case "removeXattr" -> {
                  masterCalls.add("removeXattr " + path + " " + args[1]);
                  if (stored.remove((String) args[1]) == null) {
                    throw new DfsException(ErrorCode.NO_ATTRIBUTE, (String) args[1]);
                  }
                  return status(path);
                }
                default -> throw new UnsupportedOperationException(method.getName());
              }
            });
  }
}
