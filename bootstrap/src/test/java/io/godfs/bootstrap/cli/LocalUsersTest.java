package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Names from passwd and group files, as chown reads them. */
class LocalUsersTest {
  @TempDir Path dir;

  @Test
  void namesResolveToTheirIdsAndUnknownOnesToNothing() throws Exception {
    Path passwd = dir.resolve("passwd");
    Path group = dir.resolve("group");
    Files.writeString(
        passwd,
        "# local users\nroot:x:0:0:root:/root:/bin/bash\nalice:x:1000:100::/home/alice:/bin/sh\n");
    Files.writeString(group, "root:x:0:\nstaff:x:50:alice\nusers:x:100:\n");
    LocalUsers users = new LocalUsers(passwd, group);

    assertThat(users.uid("alice")).hasValue(1000);
    assertThat(users.uid("root")).hasValue(0);
    assertThat(users.uid("bob")).isEmpty();
    assertThat(users.gid("staff")).hasValue(50);
    assertThat(users.gid("alice")).isEmpty();
    assertThat(users.loginGroupOf("alice")).hasValue(100);
    assertThat(users.loginGroupOf(1000)).hasValue(100);
    assertThat(users.loginGroupOf(4242)).isEmpty();
    assertThat(new LocalUsers(dir.resolve("none"), dir.resolve("none")).uid("root"))
        .isEqualTo(OptionalInt.empty());
  }
}
