package io.godfs.adapters.metadataratis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port on 127.0.0.1 that is free now, for nodes whose peers must know the port before they start
 * (Raft peers, a dev cluster's masters). Chosen below the kernel's ephemeral range: a port the
 * kernel handed out and this class closed again could otherwise be taken by any outgoing connection
 * (a Raft peer dialling a master that is not up yet) before its node binds it. Never the same port
 * twice in one JVM.
 *
 * <p>It lives with the Raft adapter because Raft is why a port must be known before its node binds
 * it: a group's peers are named up front. The dev cluster (its masters' client and Raft ports), the
 * benchmarks and this adapter's tests all pick ports here.
 */
public final class LoopbackPorts {
  private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
  private static final int LOWEST = 10_000;
  private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

  private LoopbackPorts() {}

  public static int free() {
    int below = ephemeralStart();
    if (below - LOWEST >= 1_000) {
      ThreadLocalRandom random = ThreadLocalRandom.current();
      for (int attempt = 0; attempt < 200; attempt++) {
        int port = random.nextInt(LOWEST, below);
        if (HANDED_OUT.add(port)) {
          if (bindable(port)) {
            return port;
          }
        }
      }
    }
    return kernelChosen(); // no usable range outside the ephemeral one: the kernel's choice
  }

  /** The first ephemeral port (Linux); 0 when unknown, which disables the range. */
  private static int ephemeralStart() {
    try {
      String[] range = Files.readString(EPHEMERAL_RANGE).trim().split("\\s+");
      return Integer.parseInt(range[0]);
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  private static boolean bindable(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static int kernelChosen() {
    for (int attempt = 0; ; attempt++) {
      try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        if (HANDED_OUT.add(s.getLocalPort()) || attempt >= 100) {
          return s.getLocalPort();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
