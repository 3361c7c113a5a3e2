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
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    throw new IOException("/proc/self/status has no VmHWM line (not Linux?)");
  }
}
