package io.godfs.application.fake;

import io.godfs.application.port.out.ClientIoMeter;
import io.godfs.domain.error.ErrorCode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A {@link ClientIoMeter} that keeps what it was told, for assertions. */
public final class RecordingClientIoMeter implements ClientIoMeter {
  public final AtomicLong written = new AtomicLong();
  public final AtomicLong read = new AtomicLong();
  public final AtomicLong checksumFailures = new AtomicLong();
  public final AtomicLong failovers = new AtomicLong();
  private final Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();

  @Override
  public void written(long bytes) {
    written.addAndGet(bytes);
  }

  @Override
  public void read(long bytes) {
    read.addAndGet(bytes);
  }

  @Override
  public void succeeded(Operation operation) {
    count(operation, "ok");
  }

  @Override
  public void failed(Operation operation, Optional<ErrorCode> code) {
    count(operation, code.map(c -> c.name().toLowerCase(Locale.ROOT)).orElse("error"));
  }

  @Override
  public void checksumFailure() {
    checksumFailures.incrementAndGet();
  }

  @Override
  public void replicaFailover() {
    failovers.incrementAndGet();
  }

  /** How often {@code operation} ended with {@code result} ({@code ok}, {@code not_found} ...). */
  public long outcomes(Operation operation, String result) {
    AtomicLong n = outcomes.get(operation.label() + "/" + result);
    return n == null ? 0 : n.get();
  }

  private void count(Operation operation, String result) {
    outcomes
        .computeIfAbsent(operation.label() + "/" + result, k -> new AtomicLong())
        .incrementAndGet();
  }
}
