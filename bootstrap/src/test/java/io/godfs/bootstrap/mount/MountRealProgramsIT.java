package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The programs people trust with whole trees (issue 25, ADR 0028), through a real mount with a
 * local disk on the other side: {@code rsync -aHX}, {@code tar -p --xattrs} and {@code cp -a} there
 * and back must keep every kind of file and every attribute of it; {@code git} must see a clean
 * clone and every later edit; {@code find} must select by time, inode and kind; {@code make} must
 * rebuild exactly when a source is newer. The tree and the manifest a copy is compared by are the
 * shell functions of {@code mount-programs/functions.sh}.
 */
class MountRealProgramsIT {
  static final String FUNCTIONS = resource("/mount-programs/functions.sh");
  static final Duration TIMEOUT = Duration.ofMinutes(3);
  @TempDir static Path dir;
  static MountCluster cluster;
  static Path mnt;
  static Path local;

  @BeforeAll
  static void mount() throws IOException {
    // 1 MiB chunks: the tree's 2.5 MB file spans three, so checksums and copies cross chunks.
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    mnt = cluster.mount("/real").mountpoint();
    local = Files.createDirectories(dir.resolve("local"));
  }

  @AfterAll
  static void unmount() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void rsyncArchiveWithChecksumsToTheMountAndBackKeepsEverything() {
    Path src = local.resolve("rsync-src");
    Path there = mnt.resolve("rsync");
    Path back = local.resolve("rsync-back");
    sh(local, "make_tree " + src);
    String expected = manifest(src);
    assertTreeIsComplete(expected);

    // -X on top of the issue's -aH: the tree has user.* attributes, which must survive as well.
    sh(local, "rsync -aHX --checksum " + src + "/ " + there + "/");
    sh(local, "rsync -aHX --checksum " + there + "/ " + back + "/");

    // rsync itself finds nothing to do (contents by checksum, times, modes, owners, links, devices,
    // attributes; --delete: nothing extra either), comparing either side with what it came from.
    for (String pair : new String[] {src + "/ " + there + "/", there + "/ " + back + "/"}) {
      String changes = sh(local, "rsync -aHXn --delete --checksum --itemize-changes " + pair);
      assertThat(changes).as("rsync -n --itemize-changes " + pair).isEmpty();
    }
    assertThat(manifest(there)).as("the tree on the mount").isEqualTo(expected);
    assertThat(manifest(back)).as("the tree back from the mount").isEqualTo(expected);

    // The three names of h1 are one inode with three links, on the mount and back: rsync -H linked
    // them instead of copying the bytes three times.
    for (Path root : new Path[] {there, back}) {
      String inodes = sh(root, "stat -c '%i %h' h1 h2 other/h3 | sort -u");
      assertThat(inodes.lines()).as("stat of h1's names in " + root).hasSize(1);
      assertThat(inodes).endsWith(" 3\n");
    }
    // stat's own rendering of the nanosecond mtime, as a user compares it.
    String times = "stat -c '%y' file h1 owned";
    assertThat(sh(there, times))
        .isEqualTo(sh(src, times))
        .isEqualTo(sh(back, times))
        .contains("2001-02-03 04:05:06.123456789");
  }

  @Test
  void tarOfEveryKindOfFileMadeOnTheMountExtractsLocallyAndALocalTarIntoTheMount() {
    // Made on the mount with the ordinary tools (mkfifo, mknod, ln, setfattr, chown, touch -d),
    // archived with -p --xattrs (pax: nanosecond times), extracted on the local disk.
    sh(mnt, "make_tree made");
    String made = manifest(mnt.resolve("made"));
    assertTreeIsComplete(made);
    Path archive = local.resolve("from-mount.tar");
    sh(mnt, "tar --xattrs -cpf " + archive + " made");
    // tar recognised the three names as one file (by st_ino and st_nlink): stored once, then links.
    assertThat(hardLinksListed(archive, "made")).isEqualTo("2\n");
    shIn(local, "tar-local", "tar --xattrs --xattrs-include='user.*' -xpf " + archive);
    assertThat(manifest(local.resolve("tar-local/made"))).isEqualTo(made);

    // The other way: a tree made locally, its archive extracted into the mount as root keeping
    // owners and permissions, then compared by tar itself (-d: contents, modes, owners, times, link
    // targets) and by the manifest.
    Path src = local.resolve("tar-src");
    sh(local, "make_tree " + src);
    String expected = manifest(src);
    Path localArchive = local.resolve("local.tar");
    sh(local, "tar --xattrs -C " + local + " -cpf " + localArchive + " tar-src");
    assertThat(hardLinksListed(localArchive, "tar-src")).isEqualTo("2\n");
    shIn(mnt, "untar", "tar --xattrs --xattrs-include='user.*' --same-owner -xpf " + localArchive);
    assertThat(manifest(mnt.resolve("untar/tar-src"))).isEqualTo(expected);
    assertThat(sh(mnt.resolve("untar"), "tar -dpf " + localArchive)).as("tar -d").isEmpty();
  }

  @Test
  void cpArchiveIntoTheMountAndBackKeepsEverything() {
    Path src = local.resolve("cp-src");
    sh(local, "make_tree " + src);
    String expected = manifest(src);
    assertTreeIsComplete(expected);
    sh(local, "cp -a " + src + " " + mnt.resolve("cp"));
    sh(local, "cp -a " + mnt.resolve("cp") + " " + local.resolve("cp-back"));
    assertThat(manifest(mnt.resolve("cp"))).as("cp -a into the mount").isEqualTo(expected);
    assertThat(manifest(local.resolve("cp-back"))).as("cp -a back").isEqualTo(expected);
  }

  @Test
  void gitClonesIntoTheMountCleanAndSeesEditsCheckoutsAndCommits() {
    // A repository on the local disk: an executable script, a symbolic link, nested directories,
    // and a later commit that renames a file (and repoints the link at its new name).
    Path repo = local.resolve("repo");
    shIn(
        local,
        "repo",
        """
            git init -q -b main .
            git config user.email dev@example.com && git config user.name dev
            mkdir -p src/deep/er docs
            printf '#!/bin/sh\\necho built\\n' > build.sh && chmod 755 build.sh
            echo 'keep me' > src/deep/er/old.txt
            ln -s src/deep/er/old.txt shortcut
            seq 1 20000 > src/numbers && echo readme > docs/README
            git add -A && git commit -qm first
            git mv src/deep/er/old.txt src/deep/er/new.txt
            ln -sfn src/deep/er/new.txt shortcut
            echo 20001 >> src/numbers
            git add -A && git commit -qm 'rename old.txt'
            """);
    String files = sh(repo, "git ls-files -s");
    assertThat(files)
        .contains("100755 ", "\tbuild.sh\n")
        .contains("120000 ", "\tshortcut\n")
        .contains("\tsrc/deep/er/new.txt\n");

    shIn(mnt, "git", "git clone -q --no-hardlinks " + repo + " by-path");
    Path git = mnt.resolve("git");
    sh(git, "git clone -q file://" + repo + " by-url");
    for (String clone : new String[] {"by-path", "by-url"}) {
      Path c = git.resolve(clone);
      assertThat(sh(c, "git status --porcelain")).as(clone + ": git status").isEmpty();
      sh(c, "git fsck --full --strict --no-progress");
      // git probes the file system at clone time: modes and links must have looked real to it.
      assertThat(
              sh(
                  c,
                  "git config --type=bool core.filemode;"
                      + " git config --type=bool --default=true core.symlinks"))
          .isEqualTo("true\ntrue\n");
      assertThat(sh(c, "git ls-files -s")).isEqualTo(files);
      assertThat(sh(c, "test -x build.sh && ./build.sh && readlink shortcut && cat shortcut"))
          .isEqualTo("built\nsrc/deep/er/new.txt\nkeep me\n");
      assertThat(sh(c, "git log --follow --name-status --format=%s src/deep/er/new.txt"))
          .contains("R100\tsrc/deep/er/old.txt\tsrc/deep/er/new.txt");
      sh(local, "diff -r --no-dereference --exclude=.git " + repo + " " + c);
    }

    Path c = git.resolve("by-path");
    // An append, and an edit that keeps the size (found by its times, not its length).
    assertThat(
            sh(
                c,
                """
                echo 20002 >> src/numbers
                printf R | dd of=docs/README conv=notrunc status=none
                git status --porcelain
                """))
        .isEqualTo(" M docs/README\n M src/numbers\n");
    assertThat(sh(c, "git checkout -- . && git status --porcelain && cat docs/README"))
        .isEqualTo("readme\n");
    assertThat(sh(c, "chmod -x build.sh && git status --porcelain")).isEqualTo(" M build.sh\n");
    assertThat(sh(c, "git checkout -- build.sh && test -x build.sh && git status --porcelain"))
        .isEmpty();

    // Commits made through the mount: a new file and link, a rename, a deletion; gc repacks the
    // objects (renames, unlinks) and the repository stays whole.
    sh(
        c,
        """
        git config user.email dev@example.com && git config user.name dev
        echo new > src/added.txt && ln -s src/added.txt added-link
        git mv docs/README docs/README.md && git rm -q src/numbers
        git add -A && git commit -qm 'made on the mount'
        git gc -q
        git fsck --full --strict --no-progress
        """);
    assertThat(sh(c, "git status --porcelain")).isEmpty();
    assertThat(sh(c, "git log --format=%s"))
        .isEqualTo("made on the mount\nrename old.txt\nfirst\n");

    // Cloned back to the local disk: the same commit and the same files.
    Path back = local.resolve("repo-back");
    sh(local, "git clone -q " + c + " " + back);
    assertThat(sh(back, "git rev-parse HEAD")).isEqualTo(sh(c, "git rev-parse HEAD"));
    assertThat(sh(back, "readlink added-link && git status --porcelain"))
        .isEqualTo("src/added.txt\n");
    sh(local, "diff -r --no-dereference --exclude=.git " + c + " " + back);
  }

  @Test
  void findSelectsByTimeInodeAndKindAsOnTheLocalDisk() {
    String script =
        """
        touch -d '2020-01-01 00:00:00' ref
        touch -d '2019-12-31 23:59:59.999999999' older-by-1ns
        touch -d '2020-01-01 00:00:00' same-time
        touch -d '2020-01-01 00:00:00.000000001' newer-by-1ns
        touch -d '2021-06-01 12:00' newer
        mkdir sub && touch -d '2030-01-01' sub/future
        echo data > f && ln f sub/f-link && mkfifo p && ln -s f l && ln -s sub dl
        touch -d '2001-01-01' f p sub . && touch -h -d '2001-01-01' l dl
        echo "newer: $(find . -newer ref | LC_ALL=C sort | xargs)"
        echo "newermt: $(find . -newermt '2020-06-01' | LC_ALL=C sort | xargs)"
        echo "not newer: $(find . -type f ! -newer ref | LC_ALL=C sort | xargs)"
        echo "samefile: $(find . -samefile f | LC_ALL=C sort | xargs)"
        echo "links 2: $(find . -type f -links 2 | LC_ALL=C sort | xargs)"
        for t in f d l p; do echo "type $t: $(find . -type $t | LC_ALL=C sort | xargs)"; done
        echo "xtype d: $(find . -xtype d -type l | LC_ALL=C sort | xargs)"
        """;
    String expected = shIn(local, "find", script);
    String actual = shIn(mnt, "find", script);
    assertThat(actual).isEqualTo(expected);
    assertThat(actual)
        .isEqualTo(
            """
            newer: ./newer ./newer-by-1ns ./sub/future
            newermt: ./newer ./sub/future
            not newer: ./f ./older-by-1ns ./ref ./same-time ./sub/f-link
            samefile: ./f ./sub/f-link
            links 2: ./f ./sub/f-link
            type f: ./f ./newer ./newer-by-1ns ./older-by-1ns ./ref ./same-time ./sub/f-link \
            ./sub/future
            type d: . ./sub
            type l: ./dl ./l
            type p: ./p
            xtype d: ./dl
            """);
  }

  @Test
  void makeRebuildsExactlyWhenASourceIsNewerThanItsTarget() {
    // Two steps (in.txt -> mid.txt -> out.txt), so make compares times on the mount at each level.
    String out =
        sh(
            mnt,
            """
            mkdir make && cd make
            printf 'out.txt: mid.txt\\n\\ttr a-z A-Z < mid.txt > out.txt\\n' > Makefile
            printf 'mid.txt: in.txt\\n\\tsed "s/^/> /" in.txt > mid.txt\\n' >> Makefile
            echo hello > in.txt
            echo '# first'; make
            echo '# again'; make
            make -q && echo '# -q: up to date'
            echo more >> in.txt
            make -q || echo '# -q after a write: out of date'
            echo '# after a write'; make
            echo '# again'; make
            touch in.txt
            echo '# after touch'; make
            touch -d '1 hour ago' in.txt
            echo '# after touch -d "1 hour ago"'; make
            touch -d '2 hours ago' mid.txt
            echo '# mid.txt older than in.txt'; make
            rm out.txt
            echo '# out.txt removed'; make
            cat out.txt
            """);
    String built = "sed \"s/^/> /\" in.txt > mid.txt\ntr a-z A-Z < mid.txt > out.txt\n";
    String upToDate = "make: 'out.txt' is up to date.\n";
    assertThat(out)
        .isEqualTo(
            "# first\n"
                + built
                + "# again\n"
                + upToDate
                + "# -q: up to date\n"
                + "# -q after a write: out of date\n"
                + "# after a write\n"
                + built
                + "# again\n"
                + upToDate
                + "# after touch\n"
                + built
                + "# after touch -d \"1 hour ago\"\n"
                + upToDate
                + "# mid.txt older than in.txt\n"
                + built
                + "# out.txt removed\n"
                + "tr a-z A-Z < mid.txt > out.txt\n"
                + "> HELLO\n> MORE\n");
  }

  /**
   * Found by these programs and FsxIT (reported with issue 25): a change made through one name of a
   * file must show at once through its other names, as it does on a local disk. The mount forgets
   * which names a file has once a write or truncate went through one of them, or an exchange moved
   * it (its cache entry is dropped, and with it the name from {@code LinkedNames}), so a later
   * chmod, unlink or write through another name leaves the first one's kernel attributes stale for
   * the attribute TTL. The exchange is python's renameat2: this coreutils' mv has no --exchange.
   */
  @Test
  void aChangeThroughOneNameOfAFileShowsAtOnceThroughTheOthers() {
    String script =
        """
        echo one > a && ln a b
        truncate -s 2 a && chmod 600 b
        echo "a after truncate a, chmod b: $(stat -c '%a %s %h' a)"
        echo more >> b && rm a
        echo "b after append b, rm a: $(stat -c '%h' b)"
        echo a > x && echo b > y && ln x l
        python3 -c '
        import ctypes, os
        fd = os.open("x", os.O_WRONLY | os.O_APPEND)
        assert ctypes.CDLL(None).renameat2(-100, b"x", -100, b"y", 2) == 0  # RENAME_EXCHANGE
        os.stat("l")
        os.write(fd, b"more\\n")
        os.close(fd)'
        echo "l after exchange x y, append through the open x: $(stat -c '%s' l)"
        """;
    String expected = shIn(local, "names", script);
    assertThat(expected)
        .isEqualTo(
            """
            a after truncate a, chmod b: 600 2 2
            b after append b, rm a: 1
            l after exchange x y, append through the open x: 7
            """);
    assertThat(shIn(mnt, "names", script)).isEqualTo(expected);
  }

  /** Runs {@code script} in {@code dir} with the functions defined; fails unless it exits 0. */
  private static String sh(Path dir, String script) {
    return Shell.run(dir, TIMEOUT, FUNCTIONS + "\n" + script).ok().out();
  }

  /** Runs {@code script} in a new directory {@code name} of {@code parent}. */
  private static String shIn(Path parent, String name, String script) {
    try {
      return sh(Files.createDirectory(parent.resolve(name)), script);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * How many entries {@code tar -tvf} lists as "NAME link to FIRST" among h1's names: the first
   * name met (directory order, which differs between disks) is stored, the other two are links to
   * it.
   */
  private static String hardLinksListed(Path archive, String top) {
    return sh(
        local,
        "tar -tvf "
            + archive
            + " | grep -c ' "
            + top
            + "/\\(h1\\|h2\\|other/h3\\) link to "
            + top
            + "/\\(h1\\|h2\\|other/h3\\)$'");
  }

  private static String manifest(Path root) {
    return sh(root, "manifest .");
  }

  /**
   * The manifest of a tree {@code make_tree} made holds what the copies are checked for: if the
   * source lost something (a disk without xattrs, say), a comparison with it would prove nothing.
   */
  private static void assertTreeIsComplete(String manifest) {
    assertThat(manifest)
        .contains("./setuid\tf\t04755\t0:0\t2\t")
        .contains("./setgid\tf\t02750\t")
        .contains("./sticky\td\t01777\t")
        .contains("./setgid-dir\td\t02775\t1234:0\t")
        .contains("./mode0000\tf\t0\t")
        .contains("./empty2\td\t0\t0:0\t-\t1012615322.2500000000\t2\t\n")
        .contains("./exec-only\tf\t0111\t")
        .contains("./owned\tf\t0644\t1234:5678\t6\t-14182940.5000000000\t1\t\n")
        .contains("./dir/sub\td\t0755\t4321:8765\t-\t1046660583.3333333330\t3\t\n")
        .contains("./dir/sub/big\tf\t0644\t0:0\t2500000\t")
        .contains("./file\tf\t0644\t0:0\t6\t981173106.1234567890\t1\t\n")
        .contains("./rel\tl\t0777\t1234:5678\t4\t1262304000.0000000010\t1\tfile\n")
        .contains("./dir/sub/up\tl\t0777\t0:0\t10\t1645568542.2222222220\t1\t../../file\n")
        .contains("./abs\tl\t0777\t0:0\t13\t1645568542.2222222220\t1\t/etc/hostname\n")
        .contains("./dangling\tl\t0777\t0:0\t14\t1321009871.1111111110\t1\tnowhere/at/all\n")
        .contains("./h1\tf\t0644\t0:0\t7\t946684799.9876543210\t3\t\n")
        .contains("./other/h3\tf\t0644\t0:0\t7\t946684799.9876543210\t3\t\n")
        .contains("./empty/inner\td\t0755\t0:0\t-\t1012615322.2500000000\t2\t\n")
        .contains("./fifo\tp\t0640\t0:0\t0\t1588655105.9999999990\t1\t\n")
        .contains("./chr\tc\t0620\t")
        .contains("./blk\tb\t0660\t")
        .contains("./chr\tdevice 1,3\n", "./blk\tdevice 7,12c\n")
        .contains("same inode: ./h1 ./h2 ./other/h3\n")
        .contains("./file\tuser.color=0x626c7565\n", "./dir\tuser.dir=0x64\n")
        .contains("./other/h3\tuser.bin=0x00ff01\n");
  }

  private static String resource(String name) {
    try (InputStream in = MountRealProgramsIT.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
