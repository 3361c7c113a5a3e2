package io.godfs.adapters.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.out.ClientIoMeter;
import io.godfs.application.port.out.ClientIoMeter.Operation;
import io.godfs.domain.error.ErrorCode;
import java.io.IOException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The SDK's families as a scrape shows them. */
class ClientIoMetricsTest {
  @Test
  void bytesOperationsChecksumFailuresAndFailoversAreCounted() throws IOException {
    NodeMetrics metrics = NodeMetrics.of("v", "gateway", "gateway");
    ClientIoMeter io = metrics.clientIo();
    io.written(1000);
    io.written(24);
    io.read(4096);
    io.succeeded(Operation.OPEN_FOR_WRITE);
    io.succeeded(Operation.OPEN_FOR_WRITE);
    io.failed(Operation.STAT, Optional.of(ErrorCode.NOT_FOUND));
    io.failed(Operation.WRITE, Optional.empty());
    io.checksumFailure();
    io.replicaFailover();
    io.replicaFailover();

    String text = Scrape.text(metrics);

    assertThat(text)
        .contains("godfs_client_written_bytes_total 1024.0")
        .contains("godfs_client_read_bytes_total 4096.0")
        .contains("godfs_client_operations_total{op=\"open_for_write\",result=\"ok\"} 2.0")
        .contains("godfs_client_operations_total{op=\"stat\",result=\"not_found\"} 1.0")
        .contains("godfs_client_operations_total{op=\"write\",result=\"error\"} 1.0")
        .doesNotContain("op=\"stat\",result=\"ok\"")
        .contains("godfs_client_checksum_failures_total 1.0")
        .contains("godfs_client_replica_failovers_total 2.0");
  }

  @Test
  void theSameMeterIsHandedOutTwice() {
    NodeMetrics metrics = NodeMetrics.of("v", "mount", "mnt");
    assertThat(metrics.clientIo()).isSameAs(metrics.clientIo());
    assertThat(metrics.mount()).isSameAs(metrics.mount());
  }
}
