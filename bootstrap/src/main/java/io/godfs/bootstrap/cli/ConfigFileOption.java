package io.godfs.bootstrap.cli;

import io.godfs.bootstrap.config.ConfigFile;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config} option of the long-running commands (docs/adr/0019-one-configuration.md).
 */
final class ConfigFileOption {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "YAML file with a section per role (master:, chunkserver:, gateway:, dev:, mount:) whose keys are"
              + " the flags without dashes; flags and GODFS_* variables win over it.")
  String path;

  ConfigFile load() {
    return path == null ? ConfigFile.none() : ConfigFile.load(Path.of(path));
  }
}
