package io.godfs.adapters.grpc;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.concurrent.ConcurrentHashMap;

/** Whether a host name is this machine (loopback or one of its interfaces); answers are cached. */
final class LocalHosts {
  private static final ConcurrentHashMap<String, Boolean> CACHE = new ConcurrentHashMap<>();

  private LocalHosts() {}

  static boolean isLocal(String host) {
    return CACHE.computeIfAbsent(host, LocalHosts::resolve);
  }

  private static boolean resolve(String host) {
    try {
      InetAddress address = InetAddress.getByName(host);
      return address.isLoopbackAddress()
          || address.isAnyLocalAddress()
          || NetworkInterface.getByInetAddress(address) != null;
    } catch (UnknownHostException | SocketException e) {
      return false;
    }
  }
}
