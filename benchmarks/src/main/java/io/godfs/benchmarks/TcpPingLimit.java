package io.godfs.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * The floor under any request/response on this machine: a 40-byte ping-pong over one loopback TCP
 * connection between two threads, with no protocol at all. gRPC, HTTP/2 and goDFS sit on top of it.
 */
final class TcpPingLimit {
  private static final int MESSAGE = 40;

  private TcpPingLimit() {}

  static SteadyRate.Result roundTripsPerSecond() throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread echo = new Thread(() -> echo(listener), "tcp-ping-echo");
      echo.setDaemon(true);
      echo.start();
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), listener.getLocalPort())) {
        socket.setTcpNoDelay(true);
        InputStream in = socket.getInputStream();
        OutputStream out = socket.getOutputStream();
        byte[] buf = new byte[MESSAGE];
        return SteadyRate.measure(
            (round, length) -> {
              long end = System.nanoTime() + length.toNanos();
              long n = 0;
              while (System.nanoTime() < end) {
                out.write(buf);
                readFully(in, buf);
                n++;
              }
              return n;
            });
      }
    }
  }

  private static void echo(ServerSocket listener) {
    try (Socket s = listener.accept()) {
      s.setTcpNoDelay(true);
      InputStream in = s.getInputStream();
      OutputStream out = s.getOutputStream();
      byte[] buf = new byte[MESSAGE];
      while (readFully(in, buf)) {
        out.write(buf);
      }
    } catch (IOException e) {
      // the measuring side closed: done
    }
  }

  private static boolean readFully(InputStream in, byte[] buf) throws IOException {
    int got = 0;
    while (got < buf.length) {
      int n = in.read(buf, got, buf.length - got);
      if (n < 0) {
        return false;
      }
      got += n;
    }
    return true;
  }
}
