package io.godfs.application.port.out;

/**
 * Counts and times the remote calls a process serves or makes (ADR 0023): the {@code grpc_server_*}
 * and {@code grpc_client_*} families. The transport adapter measures (the clock is allowed there)
 * and asks once per method for a {@link MethodMeter}, which it keeps: a call then costs a few
 * counter increments, no label lookup. Label values are the protocol's own names (service, method,
 * kind, status code), never user data.
 */
public interface RpcMeter {
  /** Records nothing: a process that keeps no metrics (tests, an application embedding the SDK). */
  RpcMeter NONE = (side, service, method, kind) -> MethodMeter.NONE;

  /** Whether the calls are served here or made from here. */
  enum Side {
    SERVER,
    CLIENT
  }

  /**
   * The meter of one method. {@code kind}: {@code unary}, {@code client_stream}, {@code
   * server_stream} or {@code bidi_stream}.
   */
  MethodMeter method(Side side, String service, String method, String kind);

  /** The counters and timer of one method; thread-safe. */
  interface MethodMeter {
    MethodMeter NONE =
        new MethodMeter() {
          @Override
          public void started() {
            // Nothing is kept.
          }

          @Override
          public void received() {
            // Nothing is kept.
          }

          @Override
          public void sent() {
            // Nothing is kept.
          }

          @Override
          public void ended(String code, long nanos) {
            // Nothing is kept.
          }
        };

    /** A call began. */
    void started();

    /** A message of the call arrived. */
    void received();

    /** A message of the call went out. */
    void sent();

    /**
     * The call ended with status {@code code} (gRPC's name: {@code OK}, {@code UNAVAILABLE}, ...)
     * after {@code nanos}; a stream's time is the whole stream's.
     */
    void ended(String code, long nanos);
  }
}
