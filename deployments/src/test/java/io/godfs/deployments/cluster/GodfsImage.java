package io.godfs.deployments.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.testcontainers.DockerClientFactory;

/**
 * The godfs image, built once per test JVM by the documented command ({@code
 * deployments/docker/build-image.sh}), so the suite runs exactly what an operator builds. The
 * script is cached: a second build takes about a second.
 */
final class GodfsImage {
  static final String NAME = "godfs:0.1.0-SNAPSHOT";
  private static boolean built;

  private GodfsImage() {}

  static synchronized String ensureBuilt() {
    if (built) {
      return NAME;
    }
    Path home = Path.of(System.getProperty("godfs.home", "..")).toAbsolutePath().normalize();
    Path script = home.resolve("deployments/docker/build-image.sh");
    try {
      Process build =
          new ProcessBuilder(script.toString())
              .directory(home.toFile())
              .redirectErrorStream(true)
              .start();
      String output = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!build.waitFor(5, TimeUnit.MINUTES) || build.exitValue() != 0) {
        build.destroyForcibly();
        throw new IllegalStateException(script + " failed:\n" + output);
      }
    } catch (IOException e) {
      throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while building the image", e);
    }
    // A missing image would make Testcontainers try a pull, which hangs for minutes without a
    // registry.
    DockerClientFactory.instance().client().inspectImageCmd(NAME).exec();
    built = true;
    return NAME;
  }
}
