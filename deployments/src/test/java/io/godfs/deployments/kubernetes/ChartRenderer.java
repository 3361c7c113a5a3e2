package io.godfs.deployments.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Renders deployments/helm/godfs the way {@code helm template RELEASE CHART --set k=v} would, for
 * the template subset {@link GoTemplate} knows (helm itself cannot be installed on the build
 * machine). Overrides use helm's dotted keys and must name a value that values.yaml lists.
 */
final class ChartRenderer {
  private final Path chart;

  ChartRenderer(Path chart) {
    this.chart = chart;
  }

  /** The rendered Kubernetes objects of every template, in file-name order. */
  List<Map<String, Object>> render(
      String release, String namespace, Map<String, Object> overrides) {
    Map<String, Object> values = Yaml.loadMap(chart.resolve("values.yaml"));
    overrides.forEach((key, value) -> override(values, key, value));
    Map<String, Object> chartYaml = Yaml.loadMap(chart.resolve("Chart.yaml"));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("Values", values);
    root.put("Release", Map.of("Name", release, "Namespace", namespace));
    root.put(
        "Chart",
        Map.of(
            "Name",
            chartYaml.get("name"),
            "Version",
            chartYaml.get("version"),
            "AppVersion",
            chartYaml.get("appVersion")));
    root.put("Files", new ChartFiles(chart));
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Path template : templates()) {
      String text =
          GoTemplate.parse(template.getFileName().toString(), read(template)).execute(root);
      objects.addAll(Yaml.loadObjects(text, template.toString()));
    }
    return objects;
  }

  List<Path> templates() {
    try (Stream<Path> files = Files.list(chart.resolve("templates"))) {
      return files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("list " + chart.resolve("templates"), e);
    }
  }

  @SuppressWarnings("unchecked")
  private static void override(Map<String, Object> values, String dottedKey, Object value) {
    String[] keys = dottedKey.split("\\.");
    Map<String, Object> map = values;
    for (int i = 0; i < keys.length - 1; i++) {
      if (!(map.get(keys[i]) instanceof Map<?, ?> inner)) {
        throw new IllegalArgumentException(
            "override " + dottedKey + " : no such map in values.yaml");
      }
      map = (Map<String, Object>) inner;
    }
    if (!map.containsKey(keys[keys.length - 1])) {
      throw new IllegalArgumentException(
          "override " + dottedKey + " : no such value in values.yaml");
    }
    map.put(keys[keys.length - 1], value);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("read " + file, e);
    }
  }
}
