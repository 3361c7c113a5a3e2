package io.godfs.deployments.observability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The alert and recording rules of {@code deployments/observability}, and its example scrape
 * configuration, pass Prometheus' own checks: {@code promtool check rules} (syntax, PromQL) and
 * {@code promtool test rules} (each alert fires where it should and stays quiet where it should
 * not, on series made up in the test file). Needs {@code promtool} (Debian: {@code apt-get install
 * --no-install-recommends prometheus}), which {@code .ci/run} installs.
 */
class PrometheusRulesTest {
  private static final Path DIR = repositoryRoot().resolve("deployments/observability");

  static Path repositoryRoot() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("deployments/observability"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }

  private static String promtool(String... args) throws IOException, InterruptedException {
    Path promtool = Path.of("/usr/bin/promtool");
    assertThat(promtool)
        .as("promtool: apt-get install --no-install-recommends prometheus (.ci/run does)")
        .isExecutable();
    List<String> command = new ArrayList<>();
    command.add(promtool.toString());
    command.addAll(List.of(args));
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true);
    Process process = pb.start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool finished").isTrue();
    assertThat(process.exitValue()).as(out).isZero();
    return out;
  }

  @Test
  void theRulesAreValid() throws Exception {
    assertThat(promtool("check", "rules", "prometheus-rules.yaml")).contains("SUCCESS: 20 rules");
  }

  @Test
  void everyAlertFiresWhereItShouldAndNowhereElse() throws Exception {
    assertThat(promtool("test", "rules", "prometheus-rules-test.yaml")).contains("SUCCESS");
  }

  @Test
  void theExampleScrapeConfigurationIsValid() throws Exception {
    // Syntax only: its certificate files live on the Prometheus host, not here.
    assertThat(promtool("check", "config", "--syntax-only", "prometheus-example.yml"))
        .contains("SUCCESS");
  }

  @Test
  void everyAlertHasATestCase() throws IOException {
    String rules = Files.readString(DIR.resolve("prometheus-rules.yaml"));
    String tests = Files.readString(DIR.resolve("prometheus-rules-test.yaml"));
    List<String> alerts =
        rules
            .lines()
            .map(String::strip)
            .filter(l -> l.startsWith("- alert: "))
            .map(l -> l.substring("- alert: ".length()))
            .toList();
    assertThat(alerts).hasSizeGreaterThanOrEqualTo(12);
    for (String alert : alerts) {
      assertThat(tests).as("a promtool case for %s", alert).contains("alertname: " + alert);
    }
  }
}
