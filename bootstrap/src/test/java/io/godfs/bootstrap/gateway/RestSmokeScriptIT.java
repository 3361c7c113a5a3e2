package io.godfs.bootstrap.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.bootstrap.gateway.GatewayHarness.Gateway;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deployments/local/rest-smoke.sh: the API driven with curl, as a user would, against a real
 * gateway.
 */
class RestSmokeScriptIT {
  static final Path SCRIPT =
      Path.of(System.getProperty("godfs.launcher", "../godfs"))
          .toAbsolutePath()
          .normalize()
          .resolveSibling("deployments/local/rest-smoke.sh");

  @Test
  void theSmokeScriptPassesWithAndWithoutAnApiKey(@TempDir Path dir) throws Exception {
    try (GatewayHarness harness = new GatewayHarness(dir.resolve("cluster"), 3, 1 << 20, 3)) {
      Gateway open = harness.gateway(GatewayHarness.open());
      Gateway secured =
          harness.gateway(
              GatewayHarness.open().withApiKeys(Map.of("smoke-key-0123456789", "smoke")));
      assertThat(run(dir, open.base(), null)).contains("rest smoke: OK");
      assertThat(run(dir, secured.base(), "smoke-key-0123456789")).contains("rest smoke: OK");
      String refused = run(dir, secured.base(), "wrong-key", 1);
      assertThat(refused).contains("FAILED", "expected 204, got 401");
    }
  }

  private static String run(Path dir, String base, String key) throws Exception {
    return run(dir, base, key, 0);
  }

  private static String run(Path dir, String base, String key, int expectedExit) throws Exception {
    ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString()).redirectErrorStream(true);
    pb.environment().put("GODFS_REST_BASE_URL", base);
    pb.environment().put("REST_SMOKE_PREFIX", "/smoke");
    if (key != null) {
      pb.environment().put("GODFS_TEST_API_KEY", key);
    }
    Path out = Files.createTempFile(dir, "smoke", ".log");
    pb.redirectOutput(out.toFile());
    Process p = pb.start();
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(
          "rest-smoke.sh did not finish within 120 s: " + Files.readString(out));
    }
    String output = Files.readString(out);
    assertThat(p.exitValue()).as(output).isEqualTo(expectedExit);
    return output;
  }
}
