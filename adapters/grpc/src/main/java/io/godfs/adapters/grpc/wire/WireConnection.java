package io.godfs.adapters.grpc.wire;

import io.grpc.Metadata;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;

/**
 * A client's connection to a master's metadata wire: one call at a time, on the caller's thread.
 */
final class WireConnection implements AutoCloseable {
  /** The server said it has too many connections: use gRPC for now. */
  static final class Busy extends IOException {
    Busy(String address) {
      super("the metadata wire at " + address + " is serving its most connections");
    }
  }

  /** The calling thread was interrupted while it waited for the answer. */
  static final class Interrupted extends InterruptedIOException {
    Interrupted() {
      super("interrupted while waiting for the master's answer");
    }
  }

  /** The answer ended before its first byte: the server closed the connection (idle, restart). */
  static final class ClosedByServer extends EOFException {
    ClosedByServer() {
      super("the master closed the connection");
    }
  }

  /** How often a caller waiting for an answer looks whether it was interrupted. */
  private static final int WAIT_SLICE_MILLIS = 50;

  private final Socket socket;
  private final DataInputStream in;

  /** The TCP socket's own stream under TLS (the same socket without): watched, never read. */
  private final InputStream received;

  private final WireSpin.Pace pace = WireSpin.CLIENT.pace();

  private final OutputStream out;
  private final WireFrames.FrameBuffer frame = new WireFrames.FrameBuffer();
  private long lastUsed = System.nanoTime();
  private boolean used;

  private WireConnection(Socket socket, Socket tcp) throws IOException {
    this.socket = socket;
    this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 8192));
    this.received = tcp.getInputStream();
    this.out = new BufferedOutputStream(socket.getOutputStream(), 8192);
  }

  /**
   * Connects, shakes hands (TLS when {@code tls} is given) and is accepted.
   *
   * @throws Busy when the server takes no more connections
   * @throws IOException when the server cannot be reached or refuses the handshake
   */
  static WireConnection open(
      String host, int port, Optional<WireTls.Client> tls, int connectTimeoutMillis)
      throws IOException {
    Socket socket = new Socket();
    Socket tcp = socket;
    try {
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), connectTimeoutMillis);
      socket.setSoTimeout(connectTimeoutMillis);
      if (tls.isPresent()) {
        SSLSocket ssl =
            tls.get()
                .configure(
                    (SSLSocket)
                        tls.get()
                            .context()
                            .getSocketFactory()
                            .createSocket(socket, host, port, true));
        socket = ssl;
        ssl.startHandshake();
      }
      WireConnection c = new WireConnection(socket, tcp);
      c.out.write(WireFrames.PREFACE);
      c.out.flush();
      int greeting = c.in.read();
      if (greeting == WireFrames.BUSY) {
        throw new Busy(host + ":" + port);
      }
      if (greeting != WireFrames.ACCEPTED) {
        throw new IOException(
            host + ":" + port + " does not speak the metadata wire (it answered " + greeting + ")");
      }
      return c;
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Sends one call and reads its answer by {@code deadline} ({@link System#nanoTime()}; 0: none).
   *
   * @throws ClosedByServer when a connection used before was closed before this call reached it
   * @throws Interrupted when the calling thread is interrupted while it waits (the mount's watchdog
   *     ends a call past its deadline so; a socket read alone would not notice)
   * @throws SocketTimeoutException when the deadline passes first
   */
  WireFrames.Answer exchange(String method, Metadata headers, byte[] request, long deadline)
      throws IOException {
    boolean reused = used;
    used = true;
    WireFrames.writeRequest(frame, method, headers, request);
    int first;
    try {
      frame.sendTo(out);
      WireSpin.CLIENT.awaitBytes(in, received, pace);
      first = firstByte(deadline);
      pace.arrived();
    } catch (SocketException e) {
      // A reset on a connection that sat idle: the server let it go before this call.
      throw reused ? closedByServer(e) : e;
    }
    if (first < 0) {
      if (reused) {
        throw new ClosedByServer();
      }
      throw new EOFException("the master closed the connection before answering");
    }
    // The answer is on its way in one write: the rest of it comes within the deadline.
    socket.setSoTimeout(deadline == 0 ? 0 : (int) Math.max(1, millisTo(deadline)));
    byte[] body = WireFrames.readFrameAfter(first, in);
    lastUsed = System.nanoTime();
    return WireFrames.readAnswer(body);
  }

  /** Waits for the answer's first byte in slices, to notice an interrupt between them. */
  private int firstByte(long deadline) throws IOException {
    while (true) {
      long slice = WAIT_SLICE_MILLIS;
      if (deadline != 0) {
        long left = millisTo(deadline);
        if (left <= 0) {
          throw new SocketTimeoutException("no answer by the call's deadline");
        }
        slice = Math.min(slice, left);
      }
      socket.setSoTimeout((int) slice);
      try {
        return in.read();
      } catch (SocketTimeoutException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw new Interrupted();
        }
      }
    }
  }

  private static long millisTo(long deadline) {
    return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime() + 999_999);
  }

  private static ClosedByServer closedByServer(Exception cause) {
    ClosedByServer e = new ClosedByServer();
    e.initCause(cause);
    return e;
  }

  long idleNanos() {
    return System.nanoTime() - lastUsed;
  }

  /** Closes the socket, failing a call blocked on it (a cancelled call). */
  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
