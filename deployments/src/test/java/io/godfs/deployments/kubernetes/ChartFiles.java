package io.godfs.deployments.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Helm's {@code .Files} of a chart, for {@code {{ .Files.Get "files/x.yaml" }}}: the text of a file
 * below the chart's directory. Where helm prints nothing for a missing file, this fails, so a typo
 * in a template cannot pass the tests.
 */
record ChartFiles(Path chart) {
  String get(String name) {
    Path file = chart.resolve(name).normalize();
    if (!file.startsWith(chart.normalize())) {
      throw new IllegalArgumentException(".Files.Get " + name + " : outside the chart");
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException(".Files.Get " + name + " : no such file in " + chart);
    }
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("read " + file, e);
    }
  }
}
