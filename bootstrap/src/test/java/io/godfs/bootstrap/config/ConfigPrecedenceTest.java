package io.godfs.bootstrap.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.bootstrap.config.SettingValue.Source;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flag over environment over the --config file over the default, for every role; the YAML file's
 * shape.
 */
class ConfigPrecedenceTest {
  @TempDir Path dir;

  private final Map<String, String> env = new HashMap<>();
  private final Map<Setting, String> flags = new EnumMap<>(Setting.class);

  private ConfigFile file(String yaml) throws IOException {
    Path path = dir.resolve("godfs.yaml");
    Files.writeString(path, yaml);
    return ConfigFile.load(path);
  }

  @Test
  void aFlagWinsOverTheEnvironmentWhichWinsOverTheFileWhichWinsOverTheDefault() throws IOException {
    ConfigFile file =
        file(
            """
        master:
          replication: 1
          chunk-size: 1MiB
          lease-timeout: 2m
        """);
    env.put("GODFS_REPLICATION", "2");
    env.put("GODFS_CHUNK_SIZE_BYTES", "2MiB");
    flags.put(Setting.REPLICATION, "3");
    ConfigLoader loader = new ConfigLoader(env, file);

    MasterConfig config = loader.master(flags);

    assertThat(config.replication()).as("flag over env and file").isEqualTo(3);
    assertThat(config.chunkSize()).as("env over file").isEqualTo(2L << 20);
    assertThat(config.leaseTimeout()).as("file over default").isEqualTo(Duration.ofMinutes(2));
    assertThat(config.heartbeatInterval()).as("default").isEqualTo(Duration.ofSeconds(2));
    assertThat(sources(loader))
        .containsEntry(Setting.REPLICATION, Source.FLAG)
        .containsEntry(Setting.CHUNK_SIZE, Source.ENV)
        .containsEntry(Setting.LEASE_TIMEOUT, Source.FILE)
        .containsEntry(Setting.HEARTBEAT_INTERVAL, Source.DEFAULT);
  }

  @Test
  void eachRoleReadsItsOwnSectionOfTheFile() throws IOException {
    ConfigFile file =
        file(
            """
        master:
          listen: "127.0.0.1:7000"
        chunkserver:
          listen: ":8100"
          master: "10.0.0.1:9090"
          node-id: chunk-9
          data: /srv/godfs
        gateway:
          listen: ":8181"
          max-connections: 50
          header-timeout: 3s
        dev:
          chunkservers: 1
          gateway-port: "off"
        mount:
          mountpoint: /mnt/godfs
          prefix: /data
          read-only: true
        client:
          master: "10.0.0.2:9090"
        """);
    ConfigLoader loader = new ConfigLoader(env, file);

    assertThat(loader.master(flags).port()).isEqualTo(7000);
    ChunkserverConfig chunk = loader.chunkserver(flags);
    assertThat(chunk.port()).isEqualTo(8100);
    assertThat(chunk.masterAddress()).isEqualTo("10.0.0.1:9090");
    assertThat(chunk.nodeId()).isEqualTo("chunk-9");
    assertThat(chunk.dataDir()).isEqualTo(Path.of("/srv/godfs"));
    GatewayConfig gateway = loader.gateway(flags);
    assertThat(gateway.settings().port()).isEqualTo(8181);
    assertThat(gateway.settings().connectionLimits().maxConnections()).isEqualTo(50);
    assertThat(gateway.settings().connectionLimits().headerTimeout())
        .isEqualTo(Duration.ofSeconds(3));
    DevConfig dev = loader.dev(flags);
    assertThat(dev.chunkservers()).isEqualTo(1);
    assertThat(dev.replication()).isEqualTo(1);
    assertThat(dev.gatewayPort()).isEqualTo(DevConfig.NO_GATEWAY);
    MountConfig mount = loader.mount(flags);
    assertThat(mount.mountpoint()).isEqualTo(Path.of("/mnt/godfs"));
    assertThat(mount.prefix().toString()).isEqualTo("/data");
    assertThat(mount.readOnly()).isTrue();
    assertThat(loader.client(flags).masterAddress()).isEqualTo("10.0.0.2:9090");
    assertThat(file.warnings()).isEmpty();
  }

  @Test
  void aYamlListIsReadAsTheCommaSeparatedFormTheEnvironmentUses() throws IOException {
    ConfigFile file =
        file(
            """
        master:
          master-id: m1
          raft-listen: "10.0.0.1:9200"
          raft-dir: /var/lib/godfs/raft
          bootstrap: true
          peers:
            - m2@10.0.0.2:9200@10.0.0.2:9090
            - m3@10.0.0.3:9200@10.0.0.3:9090
        """);

    MasterConfig config = new ConfigLoader(env, file).master(flags);

    assertThat(config.metadata()).isInstanceOf(MetadataBackend.Ratis.class);
    RaftConfig raft = ((MetadataBackend.Ratis) config.metadata()).raft();
    assertThat(raft.peers())
        .containsExactly(
            "m2@10.0.0.2:9200@10.0.0.2:9090",
            "m3@10.0.0.3:9200@10.0.0.3:9090",
            "m1@10.0.0.1:9200@127.0.0.1:9090");
    assertThat(raft.bootstrap()).isTrue();
  }

  @Test
  void aBadValueFromTheFileNamesTheFileTheKeyAndTheFlag() throws IOException {
    ConfigFile file = file("master:\n  replication: 0\n");

    assertThatThrownBy(() -> new ConfigLoader(env, file).master(flags))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            dir.resolve("godfs.yaml")
                + " master.replication (--replication) : 0 (expected: an integer 1-16)");
  }

  @Test
  void anUnknownKeyIsReportedWithTheClosestKnownOne() throws IOException {
    ConfigFile file = file("master:\n  replicaton: 2\nchunksever:\n  data: /x\n");

    assertThat(file.warnings())
        .containsExactly(
            dir.resolve("godfs.yaml")
                + ": chunksever.data is not a goDFS setting and is ignored (did you mean"
                + " chunkserver.data?)",
            dir.resolve("godfs.yaml")
                + ": master.replicaton is not a goDFS setting and is ignored (did you mean"
                + " master.replication?)");
  }

  @Test
  void aMissingOrMalformedFileStopsTheStartNamingIt() throws IOException {
    Path missing = dir.resolve("nope.yaml");
    assertThatThrownBy(() -> ConfigFile.load(missing))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--config : " + missing + " (expected: a readable YAML file");
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "master:\n  replication: [1\n");
    assertThatThrownBy(() -> ConfigFile.load(bad))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("--config : " + bad + " (expected: a YAML file of role sections")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  private static Map<Setting, Source> sources(ConfigLoader loader) {
    Map<Setting, Source> out = new EnumMap<>(Setting.class);
    loader.read().forEach(v -> out.put(v.setting(), v.source()));
    return out;
  }
}
