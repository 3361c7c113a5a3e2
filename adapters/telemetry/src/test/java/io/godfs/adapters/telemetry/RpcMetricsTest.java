package io.godfs.adapters.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.out.RpcMeter;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** The seed's gRPC family names and labels, as a scrape shows them. */
class RpcMetricsTest {
  @Test
  void aServedCallCountsItsStartMessagesCodeAndTime() throws IOException {
    NodeMetrics metrics = NodeMetrics.of("goDFS 0.1.0", "master", "m0");
    RpcMeter.MethodMeter stat =
        metrics.rpc().method(RpcMeter.Side.SERVER, "godfs.api.v1.MasterService", "Stat", "unary");
    stat.started();
    stat.received();
    stat.sent();
    stat.ended("OK", 3_000_000);
    stat.started();
    stat.received();
    stat.ended("NOT_FOUND", 700_000);

    String text = Scrape.text(metrics);

    String labels =
        "grpc_method=\"Stat\",grpc_service=\"godfs.api.v1.MasterService\",grpc_type=\"unary\"";
    assertThat(text)
        .contains("grpc_server_started_total{" + labels + "} 2.0")
        .contains("grpc_server_msg_received_total{" + labels + "} 2.0")
        .contains("grpc_server_msg_sent_total{" + labels + "} 1.0")
        .contains(
            "grpc_server_handled_total{grpc_code=\"OK\",grpc_method=\"Stat\","
                + "grpc_service=\"godfs.api.v1.MasterService\",grpc_type=\"unary\"} 1.0")
        .contains(
            "grpc_server_handled_total{grpc_code=\"NOT_FOUND\",grpc_method=\"Stat\","
                + "grpc_service=\"godfs.api.v1.MasterService\",grpc_type=\"unary\"} 1.0")
        .contains("grpc_server_handling_seconds_bucket{" + labels + ",le=\"0.001\"} 1")
        .contains("grpc_server_handling_seconds_bucket{" + labels + ",le=\"0.005\"} 2")
        .contains("grpc_server_handling_seconds_count{" + labels + "} 2")
        .doesNotContain("grpc_client_started_total{");
  }

  @Test
  void theSameMethodAskedTwiceSharesItsCounters() throws IOException {
    NodeMetrics metrics = NodeMetrics.of("v", "chunkserver", "chunk-1");
    metrics.rpc().method(RpcMeter.Side.CLIENT, "s", "m", "bidi_stream").started();
    metrics.rpc().method(RpcMeter.Side.CLIENT, "s", "m", "bidi_stream").started();

    assertThat(Scrape.text(metrics))
        .contains(
            "grpc_client_started_total{grpc_method=\"m\",grpc_service=\"s\",grpc_type=\"bidi_stream\"}"
                + " 2.0");
  }
}
