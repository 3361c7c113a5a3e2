package io.godfs.adapters.grpc;

import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.godfs.application.port.out.AuditEvent;
import io.godfs.application.port.out.AuditLog;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import io.opentelemetry.api.baggage.Baggage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records a master's calls in its audit trail: every call that changes something or administers the
 * cluster, and every refused call. Reads and the chunkservers' heartbeats are recorded only when
 * refused, or the trail would be mostly them. The paths come from the request's {@code path},
 * {@code source} and {@code target} fields; nothing else of a request (no data, no credential)
 * reaches the trail.
 */
final class CallAudit {
  private static final Set<String> QUIET_WHEN_ALLOWED =
      Set.of(
          "godfs.api.v1.MasterService/GetClusterInfo",
          "godfs.api.v1.MasterService/WhoAmI",
          "godfs.api.v1.MasterService/Stat",
          "godfs.api.v1.MasterService/List",
          "godfs.api.v1.MasterService/ListNames",
          "godfs.api.v1.MasterService/LocateChunks",
          "godfs.api.v1.MasterService/ListTrash",
          "godfs.api.v1.MasterService/RenewLease",
          "godfs.api.v1.QuotaService/GetQuota",
          "godfs.api.v1.SnapshotService/ListSnapshots",
          "godfs.api.v1.SnapshotService/ListSnapshottable",
          "godfs.api.v1.SnapshotService/GetSnapshot",
          "godfs.api.v1.SnapshotService/SnapshotDiff",
          "godfs.cluster.v1.ChunkserverRegistry/Register",
          "godfs.cluster.v1.ChunkserverRegistry/Heartbeat");
  private static final List<String> PATH_FIELDS = List.of("path", "source", "target");

  /**
   * Each message type's path fields: finding a field by name on every call was 2.5 % of a master's
   * CPU in a mount's metadata loop (JFR, ADR 0031).
   */
  private static final Map<Descriptor, List<FieldDescriptor>> PATH_FIELDS_OF =
      new ConcurrentHashMap<>();

  private final AuditLog log;

  CallAudit(AuditLog log) {
    this.log = log;
  }

  /** Whether a trail is kept: without one, calls are not wrapped at all (no cost per call). */
  boolean enabled() {
    return log != AuditLog.NONE;
  }

  /** A call refused before it reached a handler (no or a bad credential, a bad request id). */
  void refused(
      ServerCall<?, ?> call, String principal, String source, Optional<String> request, Status s) {
    if (enabled()) {
      log.record(event(call, principal, source, List.of(), s, request));
    }
  }

  /** The call, recording how it ends; {@code listener} wraps the handler to see its request. */
  <Q, R> Watched<Q, R> watch(
      ServerCall<Q, R> call, String principal, String source, Optional<String> request) {
    return new Watched<>(call, principal, source, request, false);
  }

  /** As {@link #watch}, recording the call even when it only reads. */
  <Q, R> Watched<Q, R> watchEveryCall(
      ServerCall<Q, R> call, String principal, String source, Optional<String> request) {
    return new Watched<>(call, principal, source, request, true);
  }

  /** A call under watch: its first request's paths, then one event when it closes. */
  final class Watched<Q, R> extends SimpleForwardingServerCall<Q, R> {
    private final String principal;
    private final String source;
    private final Optional<String> request;
    private final boolean everyCall;
    private volatile List<String> paths = List.of();

    private Watched(
        ServerCall<Q, R> call,
        String principal,
        String source,
        Optional<String> request,
        boolean everyCall) {
      super(call);
      this.principal = principal;
      this.source = source;
      this.request = request;
      this.everyCall = everyCall;
    }

    ServerCall.Listener<Q> listener(ServerCall.Listener<Q> handler) {
      return new SimpleForwardingServerCallListener<>(handler) {
        private boolean first = true;

        @Override
        public void onMessage(Q message) {
          if (first) {
            first = false;
            paths = pathsOf(message);
          }
          super.onMessage(message);
        }
      };
    }

    @Override
    public void close(Status status, Metadata trailers) {
      String method = getMethodDescriptor().getFullMethodName();
      if (everyCall || !status.isOk() || !QUIET_WHEN_ALLOWED.contains(method)) {
        log.record(event(this, principal, source, paths, status, request));
      }
      super.close(status, trailers);
    }
  }

  private static AuditEvent event(
      ServerCall<?, ?> call,
      String principal,
      String source,
      List<String> paths,
      Status status,
      Optional<String> request) {
    return new AuditEvent(
            Instant.now(),
            principal,
            source,
            call.getMethodDescriptor().getFullMethodName(),
            paths,
            status.isOk() ? "ok" : status.getCode().name().toLowerCase(Locale.ROOT),
            request)
        // Read where the call ends, still inside its Context (RpcServerTracing sets it).
        .servingOperation(
            Optional.ofNullable(Baggage.current().getEntryValue(RpcTracing.REQUEST_ID)));
  }

  private static List<String> pathsOf(Object message) {
    if (!(message instanceof Message m)) {
      return List.of();
    }
    List<FieldDescriptor> fields =
        PATH_FIELDS_OF.computeIfAbsent(m.getDescriptorForType(), CallAudit::pathFields);
    if (fields.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>(fields.size());
    for (FieldDescriptor field : fields) {
      String value = (String) m.getField(field);
      if (!value.isEmpty()) {
        out.add(value);
      }
    }
    return out;
  }

  /** The string fields of {@code type} that name paths: looked up once per message type. */
  private static List<FieldDescriptor> pathFields(Descriptor type) {
    List<FieldDescriptor> fields = new ArrayList<>();
    for (String name : PATH_FIELDS) {
      FieldDescriptor field = type.findFieldByName(name);
      if (field != null
          && field.getJavaType() == FieldDescriptor.JavaType.STRING
          && !field.isRepeated()) {
        fields.add(field);
      }
    }
    return List.copyOf(fields);
  }
}
