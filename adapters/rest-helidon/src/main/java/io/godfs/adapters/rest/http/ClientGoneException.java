package io.godfs.adapters.rest.http;

import io.helidon.common.buffers.DataReader;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.nio.channels.ClosedChannelException;

/**
 * The client hung up (or was cut off) in the middle of its request or of our answer. Nothing is
 * wrong with the gateway and nobody is left to answer: one line in the log at DEBUG, no stack
 * trace.
 */
public final class ClientGoneException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClientGoneException(String message) {
    super(message, null, false, false);
  }

  /** A broken connection: reset, closed, end of input, or Helidon's wrappers of those. */
  public static boolean isDisconnect(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      if (t instanceof SocketException
          || t instanceof DataReader.InsufficientDataAvailableException
          || t instanceof ClosedChannelException
          || t instanceof EOFException
          || name.equals("io.helidon.webserver.ServerConnectionException")
          || name.equals("io.helidon.common.socket.SocketWriterException")
          || name.equals("io.helidon.webserver.CloseConnectionException")
          || (t instanceof IOException && String.valueOf(t.getMessage()).contains("Broken pipe"))) {
        return true;
      }
    }
    return false;
  }

  public static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  public static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
