package io.godfs.bootstrap.config;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.yaml.YamlConfigParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The optional YAML file of {@code --config}: one section per role, whose keys are the role's
 * settings ({@link Setting#key()}), e.g. {@code master: {replication: 2, raft-dir:
 * /var/lib/godfs}}. Helidon Config parses it (docs/adr/0019-one-configuration.md); a YAML list is
 * read as its items joined with commas, the form the environment uses.
 */
public final class ConfigFile {
  private static final ConfigFile NONE = new ConfigFile(null, Map.of());
  private final Path path;
  private final Map<String, String> values;

  private ConfigFile(Path path, Map<String, String> values) {
    this.path = path;
    this.values = Map.copyOf(values);
  }

  public static ConfigFile none() {
    return NONE;
  }

  /** Reads {@code path}; a missing, unreadable or malformed file is a {@link ConfigException}. */
  public static ConfigFile load(Path path) {
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      throw new ConfigException(
          "--config : "
              + path
              + " (expected: a readable YAML file; it does not exist or"
              + " cannot be read)");
    }
    Config root;
    try {
      root =
          Config.builder()
              .disableEnvironmentVariablesSource()
              .disableSystemPropertiesSource()
              .disableValueResolving()
              .disableKeyResolving()
              .disableFilterServices()
              .disableCaching()
              .sources(ConfigSources.file(path).parser(YamlConfigParser.create()))
              .build();
    } catch (RuntimeException e) {
      throw new ConfigException(
          "--config : " + path + " (expected: a YAML file of role sections; " + firstLine(e) + ")",
          e);
    }
    Map<String, Config.Type> types = new HashMap<>();
    root.traverse().forEach(node -> types.put(node.key().toString(), node.type()));
    Map<String, String> values = new TreeMap<>();
    root.traverse()
        .forEach(
            node -> {
              String key = node.key().toString();
              String parent = node.key().parent().toString();
              if (types.get(parent) == Config.Type.LIST) {
                return; // read with its list
              }
              if (node.type() == Config.Type.VALUE) {
                values.put(key, node.asString().orElse(""));
              } else if (node.type() == Config.Type.LIST) {
                values.put(key, String.join(",", node.asList(String.class).orElse(List.of())));
              }
            });
    return new ConfigFile(path, values);
  }

  private static String firstLine(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return message.lines().findFirst().orElse(message).strip();
  }

  /** The file, or empty when none was given. */
  public Optional<Path> path() {
    return Optional.ofNullable(path);
  }

  /**
   * The value of {@code key} in the section {@code section}, like {@code master} and {@code
   * replication}.
   */
  Optional<String> value(String section, String key) {
    return Optional.ofNullable(values.get(section + "." + key));
  }

  /**
   * One line per key no role reads (a typo would otherwise be ignored without a word), naming the
   * file and the key, with the closest known key when one is near.
   */
  public List<String> warnings() {
    Set<String> known =
        Arrays.stream(Role.values())
            .flatMap(r -> r.settings().stream().map(s -> r.section() + "." + s.key()))
            .collect(Collectors.toSet());
    return keys().stream()
        .filter(k -> !known.contains(k))
        .map(
            k ->
                path
                    + ": "
                    + k
                    + " is not a goDFS setting and is ignored"
                    + Suggestion.closest(k, known)
                        .map(s -> " (did you mean " + s + "?)")
                        .orElse(""))
        .toList();
  }

  /** Every value's dotted key ({@code master.replication}), sorted. */
  public List<String> keys() {
    return values.keySet().stream().sorted().toList();
  }
}
