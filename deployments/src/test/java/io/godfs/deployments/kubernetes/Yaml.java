package io.godfs.deployments.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;

/** SnakeYAML loading for the manifests: multi-document files, one map per Kubernetes object. */
@SuppressWarnings("checkstyle:InlineFullyQualifiedName")
final class Yaml {
  private Yaml() {}

  static Map<String, Object> loadMap(Path file) {
    List<Map<String, Object>> documents = loadObjects(readString(file), file.toString());
    if (documents.size() != 1) {
      throw new IllegalArgumentException(
          file + " : " + documents.size() + " documents (expected: 1)");
    }
    return documents.get(0);
  }

  static List<Map<String, Object>> loadFile(Path file) {
    return loadObjects(readString(file), file.toString());
  }

  /** Every non-empty document of {@code text}; each must be a map (a Kubernetes object). */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> loadObjects(String text, String origin) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    List<Map<String, Object>> objects = new ArrayList<>();
    try {
      for (Object document : new org.yaml.snakeyaml.Yaml(options).loadAll(text)) {
        if (document == null) {
          continue;
        }
        if (!(document instanceof Map<?, ?> map)) {
          throw new IllegalArgumentException(origin + " : a document is not a map: " + document);
        }
        objects.add((Map<String, Object>) map);
      }
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          origin + " : not valid YAML: " + e.getMessage() + "\n" + text, e);
    }
    return objects;
  }

  /**
   * Helm's {@code toYaml}: block style, without the final newline. Keys keep their order where helm
   * sorts them, which changes no parsed object.
   */
  static String dump(Object value) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    String text = new org.yaml.snakeyaml.Yaml(options).dump(value);
    return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
  }

  private static String readString(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("read " + file, e);
    }
  }
}
