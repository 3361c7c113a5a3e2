package io.godfs.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.telemetry.TraceExport;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The tracing settings (ADR 0023): the seed's and the specification's names, read as one. */
class TracingSettingsTest {
  private final Map<String, String> env = new HashMap<>();

  private Optional<TraceExport> read() {
    return new ConfigLoader(env).tracing(Role.CHUNKSERVER, Map.of(), "godfs-chunkserver");
  }

  @Test
  void tracingIsOffUntilAnEndpointIsSet() {
    assertThat(read()).isEmpty();
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:4318");
    env.put("OTEL_SDK_DISABLED", "true");
    assertThat(read()).isEmpty();
  }

  @Test
  void theSeedsNameWinsAndTheSpecificationsKnobsApply() {
    env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://elsewhere:4318");
    env.put("GODFS_OTEL_EXPORTER_OTLP_ENDPOINT", "https://collector:4318");
    env.put("OTEL_TRACES_SAMPLER", "parentbased_traceidratio");
    env.put("OTEL_TRACES_SAMPLER_ARG", "0.01");
    env.put("OTEL_EXPORTER_OTLP_HEADERS", "api-key=s%3Dcret,x=1");
    env.put("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment=prod");
    env.put("OTEL_BSP_SCHEDULE_DELAY", "200");

    TraceExport export = read().orElseThrow();

    assertThat(export.endpoint()).hasToString("https://collector:4318");
    assertThat(export.serviceName()).isEqualTo("godfs-chunkserver");
    assertThat(export.sampler()).isEqualTo("parentbased_traceidratio");
    assertThat(export.ratio()).isEqualTo(0.01);
    assertThat(export.headers()).containsEntry("api-key", "s=cret").containsEntry("x", "1");
    assertThat(export.resourceAttributes()).containsEntry("deployment.environment", "prod");
    assertThat(export.scheduleDelay()).isEqualTo(Duration.ofMillis(200));
    assertThat(export.toString()).doesNotContain("s=cret");
  }

  @Test
  void badValuesStopTheStartNamingTheSetting() {
    env.put("GODFS_OTEL_EXPORTER_OTLP_ENDPOINT", "collector:4318");
    assertThatThrownBy(this::read)
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("GODFS_OTEL_EXPORTER_OTLP_ENDPOINT : collector:4318 (expected:");

    env.put("GODFS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4318");
    env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
    assertThatThrownBy(this::read)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("OTEL_EXPORTER_OTLP_PROTOCOL : grpc (expected: http/protobuf");

    env.remove("OTEL_EXPORTER_OTLP_PROTOCOL");
    env.put("OTEL_TRACES_SAMPLER", "sometimes");
    assertThatThrownBy(this::read).hasMessageStartingWith("OTEL_TRACES_SAMPLER : sometimes");
  }

  @Test
  void anEndpointWithACredentialIsRefusedWithoutEchoingIt() {
    env.put("GODFS_OTEL_EXPORTER_OTLP_ENDPOINT", "https://user:hunter2@collector:4318");

    assertThatThrownBy(this::read)
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("OTEL_EXPORTER_OTLP_HEADERS")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"));
  }
}
