package io.godfs.bootstrap.gateway;

import io.godfs.adapters.grpc.ChannelPool;
import io.godfs.adapters.grpc.GrpcAdminClient;
import io.godfs.adapters.grpc.tls.GrpcTls;
import io.godfs.application.port.in.AdminClient;
import io.godfs.application.port.out.RpcMeter;
import io.opentelemetry.api.OpenTelemetry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The masters' admin API as each of the gateway's callers asks it (the web console, ADR 0023): one
 * {@link GrpcAdminClient} per credential, over channels that present that credential, so that the
 * masters authorize the caller as they authorize {@code godfs admin}. Admin callers are few: the
 * most recently used {@value #MAX_CALLERS} are kept; an evicted caller's channels close once its
 * calls in flight have had their deadline.
 */
final class CallerAdmins implements AutoCloseable {
  static final int MAX_CALLERS = 32;
  private static final Duration DEADLINE = Duration.ofSeconds(30);

  private record Admin(ChannelPool channels, AdminClient client) {}

  private final String masterAddress;
  private final Optional<GrpcTls> tls;
  private final RpcMeter meter;
  private final OpenTelemetry tracing;
  private final Map<String, Admin> byCredential = new LinkedHashMap<>(16, 0.75f, true);
  private boolean closed;

  CallerAdmins(String masterAddress, Optional<GrpcTls> tls, RpcMeter meter, OpenTelemetry tracing) {
    this.tracing = tracing;
    this.masterAddress = masterAddress;
    this.tls = tls;
    this.meter = meter;
  }

  /** The admin API as the holder of {@code credential} (empty: no credential) asks it. */
  AdminClient forCredential(Optional<String> credential) {
    Optional<String> presented = credential.map(String::strip).filter(c -> !c.isEmpty());
    String key = presented.map(CallerAdmins::digest).orElse("");
    Admin evicted = null;
    Admin admin;
    synchronized (byCredential) {
      if (closed) {
        throw new IllegalStateException("the gateway is closed");
      }
      admin = byCredential.get(key);
      if (admin == null) {
        ChannelPool channels = new ChannelPool(presented, tls, meter, tracing);
        admin = new Admin(channels, new GrpcAdminClient(masterAddress, channels, DEADLINE));
        byCredential.put(key, admin);
        if (byCredential.size() > MAX_CALLERS) {
          String eldest = byCredential.keySet().iterator().next();
          evicted = byCredential.remove(eldest);
        }
      }
    }
    if (evicted != null) {
      ChannelPool channels = evicted.channels();
      Thread.ofVirtual()
          .name("godfs-admin-channels-close")
          .start(
              () -> {
                try {
                  Thread.sleep(DEADLINE.plusSeconds(5));
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
                channels.close();
              });
    }
    return admin.client();
  }

  private static String digest(String credential) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(credential.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  @Override
  public void close() {
    List<Admin> all;
    synchronized (byCredential) {
      closed = true;
      all = new ArrayList<>(byCredential.values());
      byCredential.clear();
    }
    all.forEach(a -> a.channels().close());
  }
}
