package io.godfs.adapters.rest.http;

import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Helidon's HTTP/1 connection logs a WARNING with the whole stack trace ("Internal server error")
 * when a client hangs up in the middle of its headers or body, or when the gateway cuts one off at
 * a deadline: routine events, not errors. This filter on that one logger (java.util.logging,
 * Helidon's default backend) turns exactly those records into one line at FINE; every other record
 * passes.
 */
public final class HelidonDisconnectLog implements Filter {
  /** Held strongly: java.util.logging forgets loggers (and their filters) nobody references. */
  private static final Logger HTTP1 =
      Logger.getLogger("io.helidon.webserver.http1.Http1Connection");

  private static final Logger GATEWAY = Logger.getLogger("io.godfs.adapters.rest");
  private final Filter previous;

  private HelidonDisconnectLog(Filter previous) {
    this.previous = previous;
  }

  /** Installs the filter once per JVM (several gateways may run in one). */
  public static synchronized void install() {
    if (!(HTTP1.getFilter() instanceof HelidonDisconnectLog)) {
      HTTP1.setFilter(new HelidonDisconnectLog(HTTP1.getFilter()));
    }
  }

  @Override
  public boolean isLoggable(LogRecord record) {
    Throwable thrown = record.getThrown();
    if (thrown != null
        && record.getLevel().intValue() >= Level.WARNING.intValue()
        && ClientGoneException.isDisconnect(thrown)) {
      GATEWAY.fine(
          () ->
              "a client connection ended mid-request ("
                  + ClientGoneException.rootMessage(thrown)
                  + ")");
      return false;
    }
    return previous == null || previous.isLoggable(record);
  }
}
