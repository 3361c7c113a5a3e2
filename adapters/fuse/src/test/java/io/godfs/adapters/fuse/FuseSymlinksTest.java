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
import io.godfs.domain.file.Ownership;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jnr.ffi.Memory;
import jnr.ffi.Pointer;
import jnr.ffi.Runtime;
import org.junit.jupiter.api.Test;
import ru.serce.jnrfuse.struct.FileStat;

/** symlink and readlink answer as libfuse expects, and readlink asks the master once per TTL. */
class FuseSymlinksTest {
  private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
  private static final Caller USER = new Caller(1234, 5678, 077);

  /** Link path -> target, as the master keeps them. */
  private final Map<DfsPath, String> links = new TreeMap<>();

  private final List<String> masterCalls = new ArrayList<>();
  private final FileSystemUseCase master = fakeMaster();
  private final MetadataCache cache =
      new MetadataCache(Duration.ofMinutes(1), Duration.ofMinutes(1), Duration.ofMinutes(1));
  private final FuseSymlinks symlinks = symlinks(false);

  private FuseSymlinks symlinks(boolean readOnly) {
    return new FuseSymlinks(
        master,
        cache,
        new Deadlines(Duration.ZERO),
        new FuseCalls(MountMeter.NONE),
        p -> DfsPath.of("/m" + p),
        MountOptions.defaults(DfsPath.of("/m"), 0, 0).withReadOnly(readOnly));
  }

  @Test
  void aNewLinkBelongsToTheCallerIsCachedAndReadBackWithoutTheMaster() {
    assertThat(symlinks.symlink("../t/ü", "/l", USER)).isZero();
    assertThat(masterCalls).containsExactly("symlink /m/l ../t/ü 1234:5678 0777");

    Attributes a = cache.lookup(DfsPath.of("/m/l")).attributes();
    assertThat(a.symlink()).isTrue();
    assertThat(a.size()).isEqualTo("../t/ü".getBytes(StandardCharsets.UTF_8).length);
    FileStat stat = new FileStat(Runtime.getSystemRuntime());
    StatFill.fill(stat, a);
    assertThat(stat.st_mode.intValue()).isEqualTo(FileStat.S_IFLNK | 0777);
    assertThat(stat.st_uid.intValue()).isEqualTo(1234);
    assertThat(stat.st_size.longValue()).isEqualTo(a.size());

    Pointer buf = Memory.allocateDirect(Runtime.getSystemRuntime(), 64);
    assertThat(symlinks.readlink("/l", buf, 64)).isZero();
    assertThat(buf.getString(0, 64, StandardCharsets.UTF_8)).isEqualTo("../t/ü");
    assertThat(masterCalls).hasSize(1);
  }

  @Test
  void readlinkCutsTheTargetToTheBufferLessItsNulByte() {
    links.put(DfsPath.of("/m/l"), "abcdef");
    Pointer buf = Memory.allocateDirect(Runtime.getSystemRuntime(), 8);
    buf.putByte(4, (byte) 'x');
    assertThat(symlinks.readlink("/l", buf, 4)).isZero();
    assertThat(buf.getString(0, 8, StandardCharsets.UTF_8)).isEqualTo("abc");
    assertThat(symlinks.readlink("/l", buf, 8)).isZero();
    assertThat(buf.getString(0, 8, StandardCharsets.UTF_8)).isEqualTo("abcdef");
    assertThat(masterCalls).containsExactly("readlink /m/l");
  }

  @Test
  void aRemovedLinksTargetIsAskedForAgainAndANonLinkIsEinval() {
    links.put(DfsPath.of("/m/l"), "old");
    Pointer buf = Memory.allocateDirect(Runtime.getSystemRuntime(), 16);
    assertThat(symlinks.readlink("/l", buf, 16)).isZero();
    links.put(DfsPath.of("/m/l"), "new");
    cache.changed(DfsPath.of("/m/l")); // an unlink or rename in this mount
    assertThat(symlinks.readlink("/l", buf, 16)).isZero();
    assertThat(buf.getString(0, 16, StandardCharsets.UTF_8)).isEqualTo("new");
    cache.subtreeChanged(DfsPath.of("/m"));
    links.remove(DfsPath.of("/m/l"));
    assertThat(symlinks.readlink("/l", buf, 16)).isEqualTo(-Errno.EINVAL);
  }

  @Test
  void aReadOnlyMountRefusesLinks() {
    assertThat(symlinks(true).symlink("t", "/l", USER)).isEqualTo(-Errno.EROFS);
    assertThat(masterCalls).isEmpty();
  }

  private static FileStatus status(DfsPath path, String target, Ownership owner) {
    return new FileStatus(
        path,
        FileType.SYMLINK,
        new FileId(7),
        target.getBytes(StandardCharsets.UTF_8).length,
        T,
        T,
        1 << 20,
        1,
        0,
        true,
        new InodeAttributes(owner.owner(), owner.group(), 0777, T, T));
  }

  /** The master's link calls on {@link #links}, recorded. */
  private FileSystemUseCase fakeMaster() {
    return (FileSystemUseCase)
        Proxy.newProxyInstance(
            getClass().getClassLoader(),
            new Class<?>[] {FileSystemUseCase.class},
            (proxy, method, args) -> {
              DfsPath path = (DfsPath) args[0];
              switch (method.getName()) {
                case "symlink" -> {
                  String target = (String) args[1];
                  Ownership owner = (Ownership) args[2];
                  masterCalls.add(
                      "symlink "
                          + path
                          + " "
                          + target
                          + " "
                          + owner.owner()
                          + ":"
                          + owner.group()
                          + " 0"
                          + Integer.toOctalString(owner.mode()));
                  links.put(path, target);
                  return status(path, target, owner);
                }
                case "readlink" -> {
                  masterCalls.add("readlink " + path);
                  String target = links.get(path);
                  if (target == null) {
                    throw new DfsException(ErrorCode.INVALID_ARGUMENT, path + " is no link");
                  }
                  return target;
                }
                default -> throw new UnsupportedOperationException(method.getName());
              }
            });
  }
}
