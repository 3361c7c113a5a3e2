package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.client.GodfsClient;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * mkdir, create, rmdir, unlink and rename through a real mount bring back, with the master's
 * answer, the status of the directories they changed (issue 26): the kernel drops a directory's
 * attributes after each change of names in it and asks again at its next permission check there,
 * which the mount now answers from what the change brought, without a call of its own. Shown by
 * stopping the master after the changes: each changed directory still shows exactly the times and
 * link count the master holds. Writing a new file's bytes and closing it keeps its directory's
 * attributes, which the write does not change.
 */
class MountChangedParentsIT {
  @TempDir Path dir;
  MountCluster cluster;

  @AfterEach
  void stop() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void theDirectoriesAChangeOfNamesChangedAreKnownWithoutAnotherMasterCall() throws Exception {
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    Duration minute = Duration.ofMinutes(1);
    Path mnt =
        cluster
            .mount(
                "/p", o -> o.withTtls(minute, minute, minute).withRpcTimeout(Duration.ofSeconds(5)))
            .mountpoint();
    for (String name : new String[] {"mkdir", "create", "rmdir", "unlink", "from", "to"}) {
      Files.createDirectory(mnt.resolve(name));
    }
    Files.createDirectory(mnt.resolve("rmdir/gone"));
    Files.writeString(mnt.resolve("unlink/gone.txt"), "x");
    Files.createDirectory(mnt.resolve("from/moving"));

    // The last change of names in each directory: the one whose answer the mount keeps.
    Files.createDirectory(mnt.resolve("mkdir/made"));
    Files.writeString(mnt.resolve("create/new.txt"), "written and closed");
    Files.delete(mnt.resolve("rmdir/gone"));
    Files.delete(mnt.resolve("unlink/gone.txt"));
    Files.move(mnt.resolve("from/moving"), mnt.resolve("to/moved"));

    GodfsClient sdk = cluster.client();
    Map<String, FileStatus> master =
        Map.of(
            "mkdir", sdk.stat(DfsPath.of("/p/mkdir")),
            "create", sdk.stat(DfsPath.of("/p/create")),
            "rmdir", sdk.stat(DfsPath.of("/p/rmdir")),
            "unlink", sdk.stat(DfsPath.of("/p/unlink")),
            "from", sdk.stat(DfsPath.of("/p/from")),
            "to", sdk.stat(DfsPath.of("/p/to")));
    assertThat(master.get("mkdir").links()).isEqualTo(3);
    assertThat(master.get("to").links()).isEqualTo(3);
    cluster.stopMaster();

    for (var expected : master.entrySet()) {
      Map<String, Object> shown =
          Files.readAttributes(mnt.resolve(expected.getKey()), "unix:lastModifiedTime,ctime,nlink");
      FileStatus status = expected.getValue();
      assertThat(shown)
          .as("%s with the master stopped", expected.getKey())
          .containsEntry("lastModifiedTime", FileTime.from(status.modificationTime()))
          .containsEntry("ctime", FileTime.from(status.attributes().changed()))
          .containsEntry("nlink", status.links());
    }
  }
}
