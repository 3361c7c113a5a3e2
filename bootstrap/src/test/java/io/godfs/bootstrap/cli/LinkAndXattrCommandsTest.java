package io.godfs.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileStatus;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * {@code godfs fs ln -s|readlink|getfattr|setfattr} (ADR 0028 stage 2) and symbolic links in {@code
 * stat} and {@code ls}.
 */
class LinkAndXattrCommandsTest {
  private static final String NL = System.lineSeparator();
  private final CliHarness cli = new CliHarness();

  private byte[] xattr(String path, String name) {
    return cli.fs.xattrs(DfsPath.of(path)).get(name).orElse(null);
  }

  @Test
  void lnMakesASymbolicLinkThatReadlinkStatAndLsShow() {
    cli.fs.file("/d/f", "hello".getBytes(StandardCharsets.UTF_8));

    CliHarness.Result ln = cli.run("fs", "ln", "-s", "../d/f", "/d/l");
    assertThat(ln.code()).as(ln.err()).isZero();
    assertThat(ln.out()).isEmpty();
    FileStatus link = cli.fs.stat(DfsPath.of("/d/l"));
    assertThat(link.isSymlink()).isTrue();
    assertThat(link.length()).isEqualTo(6);
    assertThat(link.attributes().mode()).isEqualTo(0777);

    assertThat(cli.run("fs", "readlink", "/d/l").out()).isEqualTo("../d/f" + NL);
    assertThat(cli.run("fs", "stat", "/d/l").out())
        .startsWith(
            "path:        /d/l"
                + NL
                + "type:        symlink"
                + NL
                + "target:      ../d/f"
                + NL
                + "length:      6"
                + NL
                + "links:       1"
                + NL
                + "owner:       0"
                + NL)
        .contains("mode:        0777 (lrwxrwxrwx)" + NL)
        .doesNotContain("replication");
    assertThat(cli.run("fs", "stat", "--json", "/d/l").out())
        .startsWith("{\"path\":\"/d/l\",\"type\":\"symlink\",\"target\":\"../d/f\",\"length\":6,");
    assertThat(cli.run("fs", "stat", "--json", "/d/f").out())
        .startsWith("{\"path\":\"/d/f\",\"type\":\"file\",\"length\":5,");

    assertThat(cli.run("fs", "ls", "-l", "/d").out())
        .isEqualTo(
            "-rw-r--r-- 0       0                  5 2026-01-02T03:04:05Z f"
                + NL
                + "lrwxrwxrwx 0       0                  6 2026-01-02T03:04:05Z l -> ../d/f"
                + NL);
    assertThat(cli.run("fs", "ls", "/d").out())
        .endsWith("l            6 2026-01-02T03:04:05Z l" + NL);
    assertThat(cli.run("fs", "ls", "--json", "/d").out())
        .contains("{\"path\":\"/d/l\",\"type\":\"symlink\",\"length\":6,");
  }

  @Test
  void lnWithoutSMakesAHardLinkAndItsRefusalsAreOneLine() {
    cli.fs.file("/f", "bytes".getBytes(StandardCharsets.UTF_8));
    cli.fs.mkdir(DfsPath.of("/dir"), false);

    CliHarness.Result hard = cli.run("fs", "ln", "/f", "/g");
    assertThat(hard.code()).as(hard.err()).isZero();
    assertThat(cli.fs.stat(DfsPath.of("/g")).length()).isEqualTo(5);
    cli.run("fs", "ln", "/f", "/g").failedWith(1, "godfs: ln /g: /g already exists");
    cli.run("fs", "ln", "/dir", "/h").failedWith(1, "godfs: ln /h: link /dir: it is a directory");
    assertThat(cli.run("fs", "ln", "-s", "x").code()).as("no LINK").isEqualTo(2);

    cli.run("fs", "ln", "-s", "x", "/f").failedWith(1, "godfs: ln /f: /f already exists");
    cli.run("fs", "ln", "-s", "x", "/no/l").failedWith(1, "godfs: ln /no/l: /no does not exist");
    cli.run("fs", "readlink", "/f").failedWith(1, "godfs: readlink /f: /f is not a symbolic link");
  }

  @Test
  void setfattrReadsValuesAsSetfattrAndGetfattrPrintsThemBack() {
    cli.fs.file("/d/f", new byte[0]);

    CliHarness.Result set =
        cli.run("fs", "setfattr", "-n", "user.text", "-v", "hello world", "/d/f");
    assertThat(set.code()).as(set.err()).isZero();
    assertThat(set.out()).isEmpty();
    assertThat(cli.run("fs", "setfattr", "-n", "user.hex", "-v", "0x00FF7f", "/d/f").code())
        .isZero();
    assertThat(cli.run("fs", "setfattr", "-n", "user.b64", "-v", "0sAAH/", "/d/f").code()).isZero();
    assertThat(
            cli.run("fs", "setfattr", "-n", "user.quoted", "-v", "\"a\\012\\\"b\\\\\"", "/d/f")
                .code())
        .isZero();
    assertThat(cli.run("fs", "setfattr", "-n", "user.empty", "/d/f").code()).isZero();
    assertThat(xattr("/d/f", "user.text"))
        .isEqualTo("hello world".getBytes(StandardCharsets.UTF_8));
    assertThat(xattr("/d/f", "user.hex")).containsExactly(0, 0xff, 0x7f);
    assertThat(xattr("/d/f", "user.b64")).containsExactly(0, 1, 0xff);
    assertThat(xattr("/d/f", "user.quoted")).isEqualTo("a\n\"b\\".getBytes(StandardCharsets.UTF_8));
    assertThat(xattr("/d/f", "user.empty")).isEmpty();

    assertThat(cli.run("fs", "getfattr", "-d", "/d/f").out())
        .isEqualTo(
            "# file: /d/f"
                + NL
                + "user.b64=0sAAH/"
                + NL
                + "user.empty"
                + NL
                + "user.hex=0sAP9/"
                + NL
                + "user.quoted=0sYQoiYlw="
                + NL
                + "user.text=\"hello world\""
                + NL
                + NL);
    assertThat(cli.run("fs", "getfattr", "/d/f").out())
        .isEqualTo(
            "# file: /d/f"
                + NL
                + "user.b64"
                + NL
                + "user.empty"
                + NL
                + "user.hex"
                + NL
                + "user.quoted"
                + NL
                + "user.text"
                + NL
                + NL);
    assertThat(cli.run("fs", "getfattr", "-n", "user.quoted", "-e", "text", "/d/f").out())
        .isEqualTo("# file: /d/f" + NL + "user.quoted=\"a\\012\\\"b\\\\\"" + NL + NL);
    assertThat(cli.run("fs", "getfattr", "-n", "user.text", "-e", "hex", "/d/f").out())
        .contains("user.text=0x68656c6c6f20776f726c64" + NL);
    assertThat(cli.run("fs", "getfattr", "-n", "user.hex", "--encoding=base64", "/d/f").out())
        .contains("user.hex=0sAP9/" + NL);

    // What getfattr printed, setfattr reads back to the same bytes.
    assertThat(
            cli.run("fs", "setfattr", "-n", "user.copy", "-v", "\"a\\012\\\"b\\\\\"", "/d/f")
                .code())
        .isZero();
    assertThat(xattr("/d/f", "user.copy")).isEqualTo(xattr("/d/f", "user.quoted"));

    assertThat(cli.run("fs", "setfattr", "-x", "user.copy", "/d/f").code()).isZero();
    assertThat(xattr("/d/f", "user.copy")).isNull();
    // A path without any attribute prints nothing.
    cli.fs.file("/d/plain", new byte[0]);
    CliHarness.Result none = cli.run("fs", "getfattr", "-d", "/d/plain");
    assertThat(none.code()).isZero();
    assertThat(none.out()).isEmpty();
  }

  @Test
  void aMissingAttributeIsAnErrorLineNamingItAndTheOtherPathsArePrinted() {
    cli.fs.file("/a", new byte[0]).file("/b", new byte[0]);
    cli.run("fs", "setfattr", "-n", "user.x", "-v", "1", "/b");

    CliHarness.Result get = cli.run("fs", "getfattr", "-n", "user.x", "/a", "/b");
    assertThat(get.code()).isEqualTo(1);
    assertThat(get.out()).isEqualTo("# file: /b" + NL + "user.x=\"1\"" + NL + NL);
    assertThat(get.err()).isEqualTo("godfs: getfattr /a: /a has no extended attribute user.x" + NL);

    cli.run("fs", "setfattr", "-x", "user.x", "/a", "/b")
        .failedWith(1, "godfs: setfattr /a: /a has no extended attribute user.x");
    assertThat(xattr("/b", "user.x")).isNull();
    cli.run("fs", "getfattr", "-d", "/nope")
        .failedWith(1, "godfs: getfattr /nope: /nope does not exist");
  }

  @Test
  void namesOutsideUserAndTrustedAndTrustedForOthersAreRefused() {
    cli.fs.file("/f", new byte[0]);

    cli.run("fs", "setfattr", "-n", "security.selinux", "-v", "x", "/f")
        .failedWith(
            1,
            "godfs: setfattr /f: extended attribute security.selinux: only the user. and trusted."
                + " namespaces are supported");
    cli.run("fs", "getfattr", "-n", "system.x", "/f")
        .failedWith(
            1,
            "godfs: getfattr /f: extended attribute system.x: only the user. and trusted."
                + " namespaces are supported");

    assertThat(cli.run("fs", "setfattr", "-n", "trusted.t", "-v", "x", "/f").code()).isZero();
    cli.fs.admin = false;
    cli.run("fs", "setfattr", "-n", "trusted.u", "-v", "x", "/f")
        .failedWith(1, "godfs: setfattr /f: cli lacks 'admin' on /f");
    assertThat(cli.run("fs", "getfattr", "-d", "/f").out()).isEmpty();
  }

  @Test
  void badOptionsAreUsageErrors() {
    cli.fs.file("/f", new byte[0]);

    assertThat(cli.run("fs", "setfattr", "/f").err())
        .startsWith("godfs: setfattr: give one of -n NAME (to set) and -x NAME (to remove)");
    assertThat(cli.run("fs", "setfattr", "-n", "user.a", "-x", "user.a", "/f").code()).isEqualTo(2);
    assertThat(cli.run("fs", "setfattr", "-x", "user.a", "-v", "1", "/f").err())
        .contains("-v goes with -n, not with -x");
    CliHarness.Result hex = cli.run("fs", "setfattr", "-n", "user.a", "-v", "0xabc", "/f");
    assertThat(hex.code()).isEqualTo(2);
    assertThat(hex.err())
        .startsWith("godfs: setfattr: invalid VALUE '0xabc' (an odd number of hexadecimal digits");
    assertThat(cli.run("fs", "setfattr", "-n", "user.a", "-v", "0xzz", "/f").code()).isEqualTo(2);
    assertThat(cli.run("fs", "setfattr", "-n", "user.a", "-v", "0s!!", "/f").code()).isEqualTo(2);
    assertThat(cli.run("fs", "setfattr", "-n", "user.a", "-v", "\"\\9\"", "/f").err())
        .contains("starts no escape");
    CliHarness.Result enc = cli.run("fs", "getfattr", "-e", "rot13", "/f");
    assertThat(enc.code()).isEqualTo(2);
    assertThat(enc.err())
        .startsWith("godfs: getfattr: invalid -e 'rot13' (expected: text, hex or base64");
    assertThat(cli.run("fs", "getfattr", "-n", "", "/f").code()).isEqualTo(2);
    assertThat(cli.clientConfigs).as("nothing was asked of the master").isEmpty();
  }
}
