package io.godfs.deployments.kubernetes;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Read access to Kubernetes objects loaded as YAML maps; a missing path reads as null or empty. */
final class KubeObjects {
  private static final Pattern ENV_REFERENCE = Pattern.compile("\\$\\(([A-Za-z_][A-Za-z0-9_]*)\\)");

  private KubeObjects() {}

  static Object at(Object node, String... path) {
    for (String key : path) {
      if (!(node instanceof Map<?, ?> map)) {
        return null;
      }
      node = map.get(key);
    }
    return node;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object node, String... path) {
    return at(node, path) instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Object node, String... path) {
    return at(node, path) instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
  }

  static String string(Object node, String... path) {
    Object value = at(node, path);
    return value == null ? null : value.toString();
  }

  static String kind(Map<String, Object> object) {
    return string(object, "kind");
  }

  static String name(Map<String, Object> object) {
    return string(object, "metadata", "name");
  }

  static String describe(Map<String, Object> object) {
    return kind(object) + "/" + name(object);
  }

  static Stream<Map<String, Object>> ofKind(List<Map<String, Object>> objects, String kind) {
    return objects.stream().filter(o -> kind.equals(kind(o)));
  }

  static Stream<Map<String, Object>> workloads(List<Map<String, Object>> objects) {
    return objects.stream()
        .filter(o -> "StatefulSet".equals(kind(o)) || "Deployment".equals(kind(o)));
  }

  static Map<String, Object> podLabels(Map<String, Object> workload) {
    return map(workload, "spec", "template", "metadata", "labels");
  }

  static String component(Map<String, Object> workload) {
    return string(podLabels(workload), "app.kubernetes.io/component");
  }

  static List<Map<String, Object>> containers(Map<String, Object> workload) {
    return maps(workload, "spec", "template", "spec", "containers");
  }

  /** The literal value of env var {@code name}, or null when it is absent or not a literal. */
  static String env(Map<String, Object> container, String name) {
    return maps(container, "env").stream()
        .filter(e -> name.equals(e.get("name")))
        .map(e -> string(e, "value"))
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  /** The port of a listen address such as ":9090" or "host:9200". */
  static int listenPort(String address) {
    return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
  }

  /**
   * The containerPort a probe or Service names, by number or by port name; null when undeclared.
   */
  static Integer containerPort(Map<String, Object> container, Object port) {
    for (Map<String, Object> declared : maps(container, "ports")) {
      if (Objects.equals(declared.get("name"), port)
          || Objects.equals(declared.get("containerPort"), port)) {
        return (Integer) declared.get("containerPort");
      }
    }
    return null;
  }

  static List<String> envReferences(String value) {
    Matcher m = ENV_REFERENCE.matcher(value);
    return m.results().map(r -> r.group(1)).toList();
  }

  /** True when every label of {@code selector} is on {@code labels} (how Kubernetes selects). */
  static boolean selects(Map<String, Object> selector, Map<String, Object> labels) {
    return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
  }
}
