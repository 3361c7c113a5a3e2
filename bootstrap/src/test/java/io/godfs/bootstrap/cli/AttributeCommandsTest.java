package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.file.AttributeChange;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import io.godfs.domain.file.InodeAttributes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** {@code godfs fs chmod|chown|touch} (ADR 0028) and the attributes in stat and ls -l. */
class AttributeCommandsTest {
  private static final String NL = System.lineSeparator();
  private final CliHarness cli = new CliHarness();

  private InodeAttributes attributes(String path) {
    return cli.fs.stat(DfsPath.of(path)).attributes();
  }

  private FileStatus stat(String path) {
    return cli.fs.stat(DfsPath.of(path));
  }

  @Test
  void chmodTakesOctalAndSymbolicModesForEachPath() {
    cli.fs.file("/d/a", new byte[0]).file("/d/b", new byte[0]);

    assertThat(cli.run("fs", "chmod", "0750", "/d/a", "/d/b").code()).isZero();
    assertThat(attributes("/d/a").mode()).isEqualTo(0750);
    assertThat(attributes("/d/b").mode()).isEqualTo(0750);

    CliHarness.Result symbolic = cli.run("fs", "chmod", "u+s,g-x,o=r", "/d/a");
    assertThat(symbolic.code()).as(symbolic.err()).isZero();
    assertThat(symbolic.out()).isEmpty();
    assertThat(attributes("/d/a").mode()).isEqualTo(04744);

    // X: execute for a directory (0755 by default), not for a file without any execute bit.
    assertThat(cli.run("fs", "chmod", "a-x", "/d").code()).isZero();
    assertThat(cli.run("fs", "chmod", "a+rX", "/d", "/d/b").code()).isZero();
    assertThat(attributes("/d").mode()).isEqualTo(0755);
    assertThat(attributes("/d/b").mode()).isEqualTo(0755);
    cli.run("fs", "chmod", "600", "/d/b");
    cli.run("fs", "chmod", "a+rX", "/d/b");
    assertThat(attributes("/d/b").mode()).isEqualTo(0644);

    // A MODE starting with '-' is a MODE, not an option.
    assertThat(cli.run("fs", "chmod", "-w", "/d/b").code()).isZero();
    assertThat(attributes("/d/b").mode()).isEqualTo(0444);
  }

  @Test
  void aBadModeIsAUsageErrorNamingIt() {
    cli.fs.file("/f", new byte[0]);

    CliHarness.Result bad = cli.run("fs", "chmod", "u+q", "/f");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err())
        .startsWith(
            "godfs: chmod: invalid MODE 'u+q': 'u+q': 'q' is not a permission (expected: r w x X"
                + " s t, or one of u g o)"
                + NL)
        .contains("Try 'godfs fs chmod --help'");
    assertThat(cli.run("fs", "chmod", "18888", "/f").code()).isEqualTo(2);
    assertThat(cli.run("fs", "chmod", "755").code()).as("no PATH").isEqualTo(2);
    assertThat(cli.fs.attributeChanges).isEmpty();
    assertThat(cli.clientConfigs).as("nothing was asked of the master").isEmpty();
  }

  @Test
  void eachPathThatFailsIsOneLineAndTheOthersAreChanged() {
    cli.fs.file("/a", new byte[0]).file("/c", new byte[0]);

    cli.run("fs", "chmod", "700", "/a", "/nope", "/c", "/gone/x")
        .failedWith(
            1,
            "godfs: chmod /nope: /nope does not exist"
                + NL
                + "godfs: chmod /gone/x: /gone/x does not exist (no directory /gone)");
    assertThat(attributes("/a").mode()).isEqualTo(0700);
    assertThat(attributes("/c").mode()).isEqualTo(0700);
  }

  @Test
  void aChangeInASnapshotIsRefusedAsReadOnly() {
    cli.fs.file("/s/.snapshot/one/f", new byte[0]);

    cli.run("fs", "chown", "7", "/s/.snapshot/one/f")
        .failedWith(
            1,
            "godfs: chown /s/.snapshot/one/f: /s/.snapshot/one/f is in a snapshot, and snapshots"
                + " are read-only");
  }

  @Test
  void chownSetsTheOwnerTheGroupOrBoth() {
    cli.fs.file("/f", new byte[0]);

    assertThat(cli.run("fs", "chown", "1000", "/f").code()).isZero();
    assertThat(attributes("/f").owner()).isEqualTo(1000);
    assertThat(attributes("/f").group()).isZero();
    assertThat(cli.run("fs", "chown", ":100", "/f").code()).isZero();
    assertThat(attributes("/f")).extracting("owner", "group").containsExactly(1000, 100);
    assertThat(cli.run("fs", "chown", "7:8", "/f").code()).isZero();
    assertThat(attributes("/f")).extracting("owner", "group").containsExactly(7, 8);
    // root is in every Linux /etc/passwd and /etc/group with id 0.
    assertThat(cli.run("fs", "chown", "root:root", "/f").code()).isZero();
    assertThat(attributes("/f")).extracting("owner", "group").containsExactly(0, 0);
    assertThat(cli.run("fs", "chown", "5", "/f").code()).isZero();
    assertThat(cli.run("fs", "chown", "root:", "/f").code()).as("the login group").isZero();
    assertThat(attributes("/f")).extracting("owner", "group").containsExactly(0, 0);
    assertThat(cli.fs.attributeChanges)
        .startsWith(AttributeChange.owner(OptionalInt.of(1000), OptionalInt.empty()));
  }

  @Test
  void anUnknownNameOrNothingToChangeIsAUsageError() {
    cli.fs.file("/f", new byte[0]);

    CliHarness.Result unknown = cli.run("fs", "chown", "no-such-user-here:1", "/f");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err())
        .startsWith(
            "godfs: chown: invalid 'no-such-user-here:1': unknown user 'no-such-user-here' (not in"
                + " /etc/passwd; give a numeric uid)");
    assertThat(cli.run("fs", "chown", ":no-such-group-here", "/f").err())
        .contains("unknown group 'no-such-group-here' (not in /etc/group; give a numeric gid)");
    assertThat(cli.run("fs", "chown", ":", "/f").err()).contains("nothing to change");
    assertThat(cli.run("fs", "chown", "99999999999", "/f").err()).contains("too large");
    assertThat(cli.fs.attributeChanges).isEmpty();
  }

  @Test
  void touchSetsBothTimesToNowAndCreatesAMissingFile() {
    cli.fs.file("/f", new byte[] {1});

    assertThat(cli.run("fs", "touch", "/f", "/new").code()).isZero();
    assertThat(attributes("/f").accessed()).isEqualTo(InMemoryFileSystem.NOW);
    assertThat(stat("/f").modificationTime()).isEqualTo(InMemoryFileSystem.NOW);
    assertThat(cli.fs.attributeChanges.getFirst())
        .isEqualTo(
            AttributeChange.times(AttributeChange.TimeChange.NOW, AttributeChange.TimeChange.NOW));
    assertThat(cli.fs.exists("/new")).isTrue();
    assertThat(cli.fs.bytes("/new")).isEmpty();

    assertThat(cli.run("fs", "touch", "-c", "/absent").code()).isZero();
    assertThat(cli.fs.exists("/absent")).isFalse();
    cli.run("fs", "touch", "/no/dir/f")
        .failedWith(1, "godfs: touch /no/dir/f: /no/dir does not exist (no directory /no)");
  }

  @Test
  void touchTakesAnExactTimeForOneOrBothTimes() {
    cli.fs.file("/f", new byte[0]);
    Instant before1970 = Instant.parse("1969-07-20T20:17:40.123456789Z");

    assertThat(cli.run("fs", "touch", "-m", "-d", "1969-07-20T20:17:40.123456789Z", "/f").code())
        .isZero();
    assertThat(stat("/f").modificationTime()).isEqualTo(before1970);
    assertThat(attributes("/f").accessed()).isEqualTo(InMemoryFileSystem.TIME);

    assertThat(cli.run("fs", "touch", "-a", "--date", "@-1.000000001", "/f").code()).isZero();
    assertThat(attributes("/f").accessed()).isEqualTo(Instant.ofEpochSecond(-2, 999_999_999));
    assertThat(stat("/f").modificationTime()).isEqualTo(before1970);

    // Created with -d: the file's times are the given one.
    assertThat(cli.run("fs", "touch", "-d", "2030-01-01T00:00:00.5+01:00", "/g").code()).isZero();
    assertThat(stat("/g").modificationTime()).isEqualTo(Instant.parse("2029-12-31T23:00:00.5Z"));
    assertThat(attributes("/g").accessed()).isEqualTo(Instant.parse("2029-12-31T23:00:00.5Z"));
  }

  @Test
  void aBadTimeIsAUsageError() {
    CliHarness.Result bad = cli.run("fs", "touch", "-d", "yesterday", "/f");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err())
        .startsWith("godfs: touch: invalid -d 'yesterday' (expected: an ISO-8601 time like");
    assertThat(cli.run("fs", "touch", "-t", "99", "/f").err())
        .contains("invalid -t '99' (expected: [[CC]YY]MMDDhhmm[.ss]");
    assertThat(cli.run("fs", "touch", "-t", "202601020304", "-d", "now", "/f").err())
        .contains("a time is already given by -t");
    assertThat(cli.fs.exists("/f")).isFalse();
  }

  @Test
  void statPrintsOwnerGroupModeAndTheFourTimesToTheNanosecond() {
    cli.fs.file("/f", "hello".getBytes(StandardCharsets.UTF_8));
    cli.run("fs", "chown", "1000:100", "/f");
    cli.run("fs", "chmod", "4750", "/f");
    cli.run("fs", "touch", "-a", "-d", "1969-12-31T23:59:59.999999999Z", "/f");

    CliHarness.Result text = cli.run("fs", "stat", "/f");
    assertThat(text.out())
        .contains(
            "owner:       1000" + NL,
            "group:       100" + NL,
            "mode:        4750 (-rwsr-x---)" + NL,
            "accessed:    1969-12-31T23:59:59.999999999Z" + NL,
            "modified:    2026-01-02T03:04:05.000000000Z" + NL,
            "changed:     2026-06-07T08:09:10.123456789Z" + NL,
            "created:     2026-01-02T03:04:05.000000000Z" + NL);
    assertThat(cli.run("fs", "stat", "--json", "/f").out())
        .contains(
            ",\"owner\":1000,\"group\":100,\"mode\":\"4750\",\"permissions\":\"rwsr-x---\","
                + "\"accessTime\":\"1969-12-31T23:59:59.999999999Z\","
                + "\"changeTime\":\"2026-06-07T08:09:10.123456789Z\",\"links\":1}");
  }

  @Test
  void lsLongShowsModeOwnerAndGroup() {
    cli.fs.file("/d/f", "hello".getBytes(StandardCharsets.UTF_8)).dir("/d/sub");
    cli.run("fs", "chown", "1000:100", "/d/f");
    cli.run("fs", "chmod", "2775", "/d/sub");

    CliHarness.Result ls = cli.run("fs", "ls", "-l", "/d");
    assertThat(ls.code()).isZero();
    assertThat(ls.out())
        .isEqualTo(
            "-rw-r--r-- 1000    100                5 2026-01-02T03:04:05Z f"
                + NL
                + "drwxrwsr-x 0       0                  0 2026-01-02T03:04:05Z sub"
                + NL);
  }
}
