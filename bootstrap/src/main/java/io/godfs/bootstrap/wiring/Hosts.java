package io.godfs.bootstrap.wiring;

/** Listen-address conventions shared by the nodes. */
final class Hosts {
  private Hosts() {}

  /** {@code ""} (as in {@code :9090}) means every interface. */
  static String bindHost(String listenHost) {
    return listenHost == null || listenHost.isBlank() ? "0.0.0.0" : listenHost;
  }
}
