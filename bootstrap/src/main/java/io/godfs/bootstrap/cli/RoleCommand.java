package io.godfs.bootstrap.cli;

import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.Role;
import io.godfs.bootstrap.config.Setting;
import java.util.Map;

/**
 * A command that runs as one {@link Role} and reads that role's settings through the one {@link
 * ConfigLoader}; {@code godfs config print ROLE} runs the same reading without starting.
 */
interface RoleCommand {
  Role role();

  /** The values given on this command line; a null value = not given. */
  Map<Setting, String> flags();

  /** The {@code --config} file given, or null. */
  String configFile();

  /** Reads and checks every setting the role needs; a bad one throws a ConfigException. */
  void configure(ConfigLoader loader);
}
