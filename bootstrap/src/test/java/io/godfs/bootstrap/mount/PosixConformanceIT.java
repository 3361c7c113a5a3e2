package io.godfs.bootstrap.mount;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The POSIX conformance exerciser (issue 25, ADR 0028): the same system calls, as root and then as
 * an unprivileged user, in a directory of a local file system (the oracle: tmpfs where there is one
 * that keeps {@code user.*} extended attributes, as tmpfs does since Linux 6.6; else the disk the
 * test runs on) and in a goDFS mount; each call's result must be the same. The calls the mount does
 * not do as Linux does yet are listed, with why, in {@code posix/known-differences.txt}: the test
 * fails when a call differs that is not listed, and when a listed one no longer differs (then the
 * list shrinks), so the list is always exactly what is left to do.
 */
class PosixConformanceIT {
  static final String USER = "1234:1234";

  @TempDir Path dir;
  MountCluster cluster;
  Path local;

  @AfterEach
  void stop() throws IOException {
    if (cluster != null) {
      cluster.close();
    }
    if (local != null) {
      Shell.ok(dir, "rm -rf '" + local + "'");
    }
  }

  @Test
  void theMountAnswersEveryCallAsTheLocalFileSystemDoes() throws Exception {
    Path script = dir.resolve("exerciser.py");
    try (InputStream in = getClass().getResourceAsStream("/posix/exerciser.py")) {
      Files.copy(in, script);
    }
    local = oracle();
    Files.setPosixFilePermissions(local, PosixFilePermissions.fromString("rwxrwxrwx"));
    cluster = new MountCluster(dir.resolve("cluster"), 1, 1 << 20, 1);
    Path mnt = cluster.mount("/").mountpoint();
    Files.createDirectory(mnt.resolve("t"));
    Shell.ok(mnt, "chmod 0777 t");
    Path remote = mnt.resolve("t");

    Map<String, String[]> differing = new LinkedHashMap<>();
    for (String as : new String[] {"", " --as " + USER}) {
      List<String> expected = run(script, local, as);
      List<String> actual = run(script, remote, as);
      assertThat(actual).as("calls made in the mount" + as).hasSameSizeAs(expected);
      Map<String, Integer> seen = new TreeMap<>();
      for (int i = 0; i < expected.size(); i++) {
        String label = label(expected.get(i));
        int nth = seen.merge(label, 1, Integer::sum);
        if (!expected.get(i).equals(actual.get(i))) {
          // A call made several times is named with its turn: "stat a/f (3)".
          differing.put(
              nth == 1 ? label : label + " (" + nth + ")",
              new String[] {expected.get(i), actual.get(i)});
        }
      }
    }
    Map<String, String> known = knownDifferences();
    List<String> report = new ArrayList<>();
    differing.forEach(
        (label, lines) -> {
          if (!known.containsKey(label)) {
            report.add("differs: " + label + "\n  local: " + lines[0] + "\n  mount: " + lines[1]);
          }
        });
    known.forEach(
        (label, why) -> {
          if (!differing.containsKey(label)) {
            report.add("listed as differing but now the same (remove it): " + label);
          }
        });
    assertThat(report).as(String.join("\n", report)).isEmpty();
  }

  /** A directory of tmpfs if it keeps user.* attributes, else one of the test's own disk. */
  private Path oracle() throws IOException {
    Path shm = Path.of("/dev/shm");
    if (Files.isDirectory(shm) && Files.isWritable(shm)) {
      Path tmpfs = Files.createTempDirectory(shm, "godfs-oracle");
      if (keepsUserXattrs(tmpfs)) {
        return tmpfs;
      }
      Files.delete(tmpfs);
    }
    Path disk = Files.createDirectory(dir.resolve("oracle"));
    assertThat(keepsUserXattrs(disk))
        .as("the oracle " + disk + " keeps user.* attributes")
        .isTrue();
    return disk;
  }

  /** Whether {@code dir} takes a user.* attribute (Java names them without the "user." prefix). */
  private static boolean keepsUserXattrs(Path dir) {
    try {
      UserDefinedFileAttributeView view =
          Files.getFileAttributeView(dir, UserDefinedFileAttributeView.class);
      view.write("godfs.probe", ByteBuffer.wrap(new byte[] {1}));
      view.delete("godfs.probe");
      return true;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  private static List<String> run(Path script, Path where, String as) {
    Shell.Result r = Shell.ok(where, "python3 '" + script + "' '" + where + "'" + as);
    return r.out().lines().toList();
  }

  /** The call of an output line: what comes before " -> ". */
  private static String label(String line) {
    int arrow = line.indexOf(" -> ");
    return arrow < 0 ? line : line.substring(0, arrow);
  }

  /** label -> why, from {@code posix/known-differences.txt} ("label | why" lines, # comments). */
  private Map<String, String> knownDifferences() throws IOException {
    Map<String, String> known = new TreeMap<>();
    try (InputStream in = getClass().getResourceAsStream("/posix/known-differences.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        int bar = line.lastIndexOf(" | ");
        known.put(line.substring(0, bar).strip(), line.substring(bar + 3).strip());
      }
    }
    return known;
  }
}
