package io.godfs.bootstrap.cli;

import io.godfs.bootstrap.config.ConfigLoader;
import io.godfs.bootstrap.config.Role;
import io.godfs.bootstrap.config.Setting;
import java.util.EnumMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The settings of the client commands ({@code fs}, {@code admin}), for {@code godfs config print
 * client}.
 */
@Command(name = "client")
final class ClientSettings implements RoleCommand {
  @Option(
      names = {"-m", "--master"},
      paramLabel = "HOST:PORT")
  String master;

  @Override
  public Role role() {
    return Role.CLIENT;
  }

  @Override
  public Map<Setting, String> flags() {
    Map<Setting, String> flags = new EnumMap<>(Setting.class);
    flags.put(Setting.MASTER, master);
    return flags;
  }

  @Override
  public String configFile() {
    return null;
  }

  @Override
  public void configure(ConfigLoader loader) {
    loader.client(flags());
  }
}
