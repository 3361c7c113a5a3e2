package io.godfs.bootstrap.cli;

import io.godfs.bootstrap.config.ChunkserverConfig;
import io.godfs.bootstrap.config.DevConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.config.MasterSecurity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/** Records what the node commands asked to start; ports 0 come back as 40000 and up. */
final class RecordingLauncher implements NodeLauncher {
  final List<Object> started = new ArrayList<>();
  final List<Object> closed = new ArrayList<>();
  final List<MasterSecurity> securities = new ArrayList<>();
  final List<Optional<String>> clusterKeys = new ArrayList<>();
  RuntimeException failure;

  @Override
  public RunningNode startMaster(MasterConfig config, MasterSecurity security) {
    securities.add(security);
    return new RunningNode(port(config.port()), record(config));
  }

  @Override
  public RunningNode startChunkserver(ChunkserverConfig config, Optional<String> clusterKey) {
    clusterKeys.add(clusterKey);
    return new RunningNode(port(config.port()), record(config));
  }

  @Override
  public RunningDev startDev(DevConfig config) {
    int first = port(config.firstChunkPort());
    List<Integer> ports =
        IntStream.range(0, config.chunkservers()).mapToObj(i -> first + i).toList();
    return new RunningDev(port(config.masterPort()), ports, record(config));
  }

  private AutoCloseable record(Object config) {
    if (failure != null) {
      throw failure;
    }
    started.add(config);
    return () -> closed.add(config);
  }

  private static int port(int requested) {
    return requested == 0 ? 40000 : requested;
  }
}
