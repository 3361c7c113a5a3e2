package io.godfs.bootstrap.cli;

import io.godfs.adapters.telemetry.NodeMetrics;
import io.godfs.application.port.out.ClientIoMeter;
import io.godfs.application.port.out.HttpMeter;
import io.godfs.application.port.out.RpcMeter;
import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.GatewayConfig;
import io.godfs.bootstrap.config.Role;
import io.godfs.bootstrap.config.Setting;
import io.godfs.bootstrap.gateway.GatewayNode;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "gateway",
    mixinStandardHelpOptions = true,
    description = {
      "Run the REST gateway: goDFS's HTTP /v1 API, a client of the master.",
      "Settings: GODFS_GATEWAY_LISTEN, GODFS_MASTER, GODFS_GATEWAY_API_KEYS, GODFS_GATEWAY_PRESIGN_KEYS,",
      "GODFS_GATEWAY_CORS_ALLOW_ORIGINS, GODFS_GATEWAY_RATE_LIMIT_RPS/_BURST, GODFS_GATEWAY_MAX_UPLOAD_BYTES,",
      "GODFS_GATEWAY_MAX_JSON_BODY_BYTES, GODFS_GATEWAY_MULTIPART_MAX_PARTS, GODFS_GATEWAY_UPLOAD_EXPIRY",
      "(see docs/adr/0007-rest-gateway.md), GODFS_HEALTH_LISTEN (health and /metrics, ADR 0023),",
      "or the gateway: section of --config."
    })
final class GatewayCommand extends NodeCommand {
  @Option(
      names = "--listen",
      paramLabel = "[HOST]:PORT",
      description = "Env GODFS_GATEWAY_LISTEN; default :8080.")
  String listen;

  @Option(
      names = {"-m", "--master"},
      paramLabel = "HOST:PORT",
      description = "Env GODFS_MASTER; default 127.0.0.1:9090.")
  String master;

  private GatewayConfig config;

  GatewayCommand(CliContext ctx) {
    super(ctx);
  }

  @Override
  public Role role() {
    return Role.GATEWAY;
  }

  @Override
  public Map<Setting, String> flags() {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    flags.put(Setting.GATEWAY_LISTEN, listen);
    flags.put(Setting.MASTER, master);
    flags.put(Setting.HEALTH_LISTEN, healthOption.healthListen);
    return flags;
  }

  @Override
  public void configure(ConfigLoader loader) {
    config = loader.gateway(flags());
    health = loader.healthListen(role(), flags());
    healthTls = config.listenerTls();
    healthRequiresCertificate = loader.healthRequiresClientCertificate(role(), flags());
    metricsTokenFile = loader.metricsTokenFile(role(), flags());
    nodeName = "gateway";
  }

  @Mixin HealthOption healthOption = new HealthOption();

  @Override
  Started start() {
    GatewayNode node =
        GatewayNode.start(
            config,
            metrics().map(NodeMetrics::rpc).orElse(RpcMeter.NONE),
            metrics().map(NodeMetrics::http).orElse(HttpMeter.NONE),
            metrics().map(NodeMetrics::clientIo).orElse(ClientIoMeter.NONE),
            tracing());
    var s = config.settings();
    String url =
        (config.https().isPresent() ? "https://" : "http://")
            + (s.host().isEmpty() ? "127.0.0.1" : s.host())
            + ":"
            + node.port()
            + "/v1";
    return new Started(
        node,
        name()
            + ": listening on "
            + listening(s.host(), node.port())
            + " ("
            + url
            + "), master "
            + config.masterAddress()
            + ", auth "
            + (s.apiKeys().isEmpty() ? "off" : "on (" + s.apiKeys().size() + " keys)")
            // Presigned URLs carry the masters' delegation tokens; the gateway's own keys sign
            // only for a cluster with security off (ADR 0022).
            + ", presign "
            + (s.presignKeyId() == null
                ? "by the masters' tokens"
                : "by the masters' tokens (the gateway's keys if the cluster has security off)")
            + ", https "
            + config
                .https()
                .map(h -> h.clientCa().isPresent() ? "on (client certificates required)" : "on")
                .orElse("off"));
  }

  @Override
  String name() {
    return "goDFS REST gateway";
  }
}
