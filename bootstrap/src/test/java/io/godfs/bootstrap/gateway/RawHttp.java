package io.godfs.bootstrap.gateway;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP written by hand over a plain socket: the slow, partial, abandoned or HTTP/1.0 requests that
 * {@link java.net.http.HttpClient} cannot make. Every read is bounded by the socket timeout.
 */
final class RawHttp implements AutoCloseable {
  private final Socket socket;
  private final ByteArrayOutputStream received = new ByteArrayOutputStream();

  RawHttp(int port) {
    try {
      socket = new Socket("127.0.0.1", port);
      socket.setSoTimeout(15_000);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  RawHttp send(String text) {
    return send(text.getBytes(StandardCharsets.ISO_8859_1));
  }

  RawHttp send(byte[] bytes) {
    try {
      socket.getOutputStream().write(bytes);
      socket.getOutputStream().flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Tells the server no more bytes come (the body ends here), keeping the socket open to read the
   * answer.
   */
  RawHttp endOutput() {
    try {
      socket.shutdownOutput();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Reads until the server closes the connection and returns what it sent; fails when it is still
   * open after {@code max}.
   */
  String readUntilClosed(Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    byte[] buf = new byte[8192];
    try {
      InputStream in = socket.getInputStream();
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(
              "the server kept the connection open longer than " + max + "; got: " + text());
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        int n;
        try {
          n = in.read(buf);
        } catch (SocketTimeoutException e) {
          continue; // the loop's deadline decides
        } catch (SocketException e) {
          return text(); // reset by the server: closed too
        }
        if (n < 0) {
          return text();
        }
        received.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads until {@code marker} has arrived (e.g. the end of the response headers). */
  String readUntil(String marker, Duration max) {
    long deadline = System.nanoTime() + max.toNanos();
    byte[] buf = new byte[8192];
    try {
      while (!text().contains(marker)) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("no '" + marker + "' within " + max + "; got: " + text());
        }
        int n = socket.getInputStream().read(buf);
        if (n < 0) {
          throw new AssertionError("closed before '" + marker + "'; got: " + text());
        }
        received.write(buf, 0, n);
      }
      return text();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** What arrives within {@code wait} (nothing, when the server is not answering). */
  String receivedWithin(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    byte[] buf = new byte[8192];
    try {
      while (true) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return text();
        }
        socket.setSoTimeout((int) Math.max(1, left / 1_000_000));
        int n;
        try {
          n = socket.getInputStream().read(buf);
        } catch (SocketTimeoutException e) {
          return text();
        }
        if (n < 0) {
          return text();
        }
        received.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String text() {
    return received.toString(StandardCharsets.ISO_8859_1);
  }

  /** Drops the connection with a reset, as a client that crashes or gives up does. */
  void abort() {
    try {
      socket.setSoLinger(true, 0);
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
