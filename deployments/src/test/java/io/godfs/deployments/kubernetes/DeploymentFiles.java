package io.godfs.deployments.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Where the manifests, the chart and the README live, found from the test's working directory. */
final class DeploymentFiles {
  private static final Pattern TABLE_VARIABLE = Pattern.compile("`(GODFS_[A-Z0-9_]+)`");

  private DeploymentFiles() {}

  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("deployments/kubernetes"))
          && Files.isRegularFile(dir.resolve("README.md"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }

  static Path manifestsDir() {
    return repositoryRoot().resolve("deployments/kubernetes");
  }

  static Path chartDir() {
    return repositoryRoot().resolve("deployments/helm/godfs");
  }

  /** The manifest files, kustomization.yaml excepted, in name order. */
  static List<Path> manifestFiles() {
    try (Stream<Path> files = Files.list(manifestsDir())) {
      return files
          .filter(f -> f.toString().endsWith(".yaml"))
          .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("list " + manifestsDir(), e);
    }
  }

  static List<Map<String, Object>> plainObjects() {
    List<Map<String, Object>> objects = new ArrayList<>();
    manifestFiles().forEach(f -> objects.addAll(Yaml.loadFile(f)));
    return objects;
  }

  /** The GODFS_* names in the first column of README.md's "## Configuration" table. */
  static Set<String> documentedVariables() {
    List<String> lines;
    try {
      lines = Files.readAllLines(repositoryRoot().resolve("README.md"));
    } catch (IOException e) {
      throw new UncheckedIOException("read README.md", e);
    }
    Set<String> names = new TreeSet<>();
    boolean inSection = false;
    for (String line : lines) {
      if (line.startsWith("## ")) {
        inSection = line.equals("## Configuration");
      } else if (inSection && line.startsWith("| `GODFS_")) {
        Matcher m = TABLE_VARIABLE.matcher(line.split("\\|")[1]);
        while (m.find()) {
          names.add(m.group(1));
        }
      }
    }
    return names;
  }
}
