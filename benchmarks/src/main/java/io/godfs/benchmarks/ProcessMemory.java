package io.godfs.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This process's resident memory as the kernel counts it, heap, metaspace, thread stacks and direct
 * buffers together: what {@code ps} and the peers' figures (VmHWM of mfsmount, of HDFS's JVMs)
 * report, so the comparison does not depend on how each runtime accounts for itself.
 */
final class ProcessMemory {
  private ProcessMemory() {}

  /** The peak resident set ({@code VmHWM} of {@code /proc/self/status}), in MiB. */
  static long peakResidentMiB() throws IOException {
    return field(Path.of("/proc/self/status"), "VmHWM:");
  }

  /** The resident set now ({@code VmRSS}), in MiB. */
  static long residentMiB() throws IOException {
    return field(Path.of("/proc/self/status"), "VmRSS:");
  }

  /** Another process's resident set now, in MiB. */
  static long residentMiB(long pid) throws IOException {
    return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
  }

  private static long field(Path status, String name) throws IOException {
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith(name)) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    throw new IOException(status + " has no " + name + " line (not Linux?)");
  }
}
