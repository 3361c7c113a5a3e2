package io.godfs.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server processes of a local cluster ({@code deployments/local/cluster.sh} writes a {@code
 * NAME.pid} per process into its directory): their resident memory from {@code /proc}, and the
 * masters' live heap, measured with {@code jcmd} after a full collection.
 */
public final class ServerProcesses {
  private static final Pattern HEAP_USED = Pattern.compile("used (\\d+)K");

  /** A process's memory: resident, and (masters, after a collection) its live heap. */
  record Memory(String name, long residentMib, long heapBytes) {}

  private record Server(String name, long pid) {}

  private final List<Server> servers = new ArrayList<>();

  /**
   * @throws IOException when {@code dir} holds no {@code master-*.pid} file
   */
  public ServerProcesses(Path dir) throws IOException {
    try (DirectoryStream<Path> pids = Files.newDirectoryStream(dir, "{master,chunk}-*.pid")) {
      for (Path pid : pids) {
        String name = pid.getFileName().toString().replace(".pid", "");
        servers.add(new Server(name, Long.parseLong(Files.readString(pid).trim())));
      }
    }
    servers.sort((a, b) -> a.name().compareTo(b.name()));
    if (servers.stream().noneMatch(s -> s.name().startsWith("master-"))) {
      throw new IOException(dir + " holds no master-*.pid file (expected: a cluster.sh directory)");
    }
  }

  List<Memory> residentMemory() throws IOException {
    List<Memory> out = new ArrayList<>();
    for (Server s : servers) {
      out.add(new Memory(s.name(), ProcessMemory.residentMiB(s.pid()), 0));
    }
    return out;
  }

  /** Each master's heap after a full collection: what its namespace really holds. */
  List<Memory> liveHeaps() throws IOException {
    List<Memory> out = new ArrayList<>();
    for (Server s : servers) {
      if (s.name().startsWith("master-")) {
        jcmd(s.pid(), "GC.run");
        Matcher used = HEAP_USED.matcher(jcmd(s.pid(), "GC.heap_info"));
        if (!used.find()) {
          throw new IOException("jcmd " + s.pid() + " GC.heap_info printed no 'used NK'");
        }
        long heap = Long.parseLong(used.group(1)) * 1024;
        out.add(new Memory(s.name(), ProcessMemory.residentMiB(s.pid()), heap));
      }
    }
    return out;
  }

  private static String jcmd(long pid, String command) throws IOException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p =
        new ProcessBuilder(jcmd.toString(), Long.toString(pid), command)
            .redirectErrorStream(true)
            .start();
    try {
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException("jcmd " + pid + " " + command + " failed: " + output);
      }
      return output;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      p.destroyForcibly();
    }
  }
}
