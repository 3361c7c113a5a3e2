package io.godfs.bootstrap.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;

/**
 * Waits for the JVM to be told to exit: a shutdown hook closes the node (so RocksDB and the gRPC
 * servers stop cleanly) and then releases the waiting command thread.
 */
public final class JvmShutdownSignal implements ShutdownSignal {

  @Override
  public void awaitThenClose(String name, AutoCloseable node, PrintWriter err) {
    CountDownLatch closed = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    err.println(name + ": shutting down");
                    err.flush();
                    node.close();
                  } catch (Exception e) {
                    err.println(name + ": error while shutting down: " + ErrorMessages.of(e));
                    err.flush();
                  } finally {
                    closed.countDown();
                  }
                },
                "godfs-shutdown"));
    try {
      closed.await();
    } catch (InterruptedException e) {
      // Nothing interrupts the command thread in normal operation; return and let the JVM exit,
      // which
      // runs the hook above and closes the node.
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public Registration onStop(Runnable stop) {
    Thread hook = new Thread(stop, "godfs-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    return () -> {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook runs or ran: nothing to take back.
      }
    };
  }
}
