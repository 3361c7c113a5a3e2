package io.godfs.adapters.fuse;

import io.godfs.adapters.fuse.ErrnoMapper.Operation;
import io.godfs.application.port.out.MountMeter;
import io.godfs.application.port.out.MountMeter.OperationMeter;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.lang.System.Logger.Level;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntSupplier;

/**
 * Runs one FUSE callback and turns what it throws into a negated errno ({@link ErrnoMapper}):
 * refusals the caller expects go to DEBUG, anything else (EIO, timeouts, bugs) to WARNING. Every
 * callback passes through here, so here it is counted and timed ({@link MountMeter}: the callback's
 * name, {@code ok} or the errno's name, its nanoseconds).
 */
final class FuseCalls {
  /** The mount's logger, as before the callbacks' guard moved here: log settings keep working. */
  private static final System.Logger LOG = System.getLogger(DfsFuseFilesystem.class.getName());

  private static final String REQUEST_ID = "godfs.request_id";

  private final MountMeter meter;

  /** Whether anything is recorded: without metrics a callback costs no clock reading. */
  private final boolean metered;

  /** Each callback's meter, asked for once. */
  private final Map<String, OperationMeter> meters = new ConcurrentHashMap<>();

  /** Null when the mount does not trace: a callback then costs no span and no Context swap. */
  private final Tracer tracer;

  FuseCalls(MountMeter meter) {
    this(meter, OpenTelemetry.noop());
  }

  FuseCalls(MountMeter meter, OpenTelemetry tracing) {
    this.meter = meter;
    this.metered = meter != MountMeter.NONE;
    this.tracer = tracing == OpenTelemetry.noop() ? null : tracing.getTracer("io.godfs.fuse");
  }

  /** A namespace callback (mkdir, rename, stat ...). */
  int run(String op, String path, IntSupplier body) {
    return run(op, path, Operation.NAMESPACE, body);
  }

  int run(String op, String path, Operation kind, IntSupplier body) {
    if (tracer != null) {
      return traced(op, () -> measured(op, path, kind, body));
    }
    return measured(op, path, kind, body);
  }

  /**
   * The callback as a span {@code fuse.<op>} with a request id of its own, current while it runs,
   * so the calls it makes to the cluster are its children and carry the id. Never the path: file
   * names are user data.
   */
  private int traced(String op, IntSupplier body) {
    // A correlation id, not a secret: the thread's generator, no shared lock.
    String requestId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    Span span = tracer.spanBuilder("fuse." + op).setAttribute(REQUEST_ID, requestId).startSpan();
    Context context =
        Context.current()
            .with(span)
            .with(Baggage.current().toBuilder().put(REQUEST_ID, requestId).build());
    try (Scope ignored = context.makeCurrent()) {
      int result = body.getAsInt();
      if (result < 0) {
        span.setStatus(StatusCode.ERROR, Errno.name(-result));
      }
      return result;
    } finally {
      span.end();
    }
  }

  private int measured(String op, String path, Operation kind, IntSupplier body) {
    if (!metered) {
      return guarded(op, path, kind, body);
    }
    OperationMeter m = meters.computeIfAbsent(op, meter::operation);
    long start = System.nanoTime();
    int result = guarded(op, path, kind, body);
    m.ended(result < 0 ? Errno.name(-result) : MountMeter.OK, System.nanoTime() - start);
    return result;
  }

  private static int guarded(String op, String path, Operation kind, IntSupplier body) {
    try {
      return body.getAsInt();
    } catch (RuntimeException e) {
      int errno = ErrnoMapper.errno(e, kind);
      boolean expected =
          e instanceof DfsException d && d.code() != ErrorCode.UNAVAILABLE
              || e instanceof FuseErrnoException f
                  && f.errno() != Errno.EIO
                  && f.errno() != Errno.ETIMEDOUT;
      if (!expected) {
        LOG.log(Level.WARNING, op + " " + path + ": errno " + errno + ": " + e, e);
      } else if (LOG.isLoggable(Level.DEBUG)) {
        LOG.log(Level.DEBUG, op + " " + path + ": errno " + errno + ": " + e.getMessage());
      }
      return -errno;
    }
  }
}
