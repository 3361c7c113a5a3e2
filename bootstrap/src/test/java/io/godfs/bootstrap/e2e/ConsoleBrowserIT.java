package io.godfs.bootstrap.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.adapters.rest.GatewaySettings;
import io.godfs.application.master.HealingSettings;
import io.godfs.application.port.in.SeekableInput;
import io.godfs.bootstrap.config.GatewayConfig;
import io.godfs.bootstrap.config.MasterConfig;
import io.godfs.bootstrap.gateway.GatewayNode;
import io.godfs.bootstrap.wiring.ChunkserverNode;
import io.godfs.client.GodfsClient;
import io.godfs.domain.access.Principal;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.file.DfsPath;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The web console in a real browser (ADR 0023, "The web console"): Debian's chromium, headless,
 * through its chromedriver, both given explicitly so that Selenium Manager never runs. A secured
 * cluster (dead-after 3 s) behind {@code godfs gateway}: log in with the admin key, browse, upload
 * a file and download it (same bytes), see a hostile file name as text with no script run, delete a
 * directory after typing its name, then stop a chunkserver and watch the nodes page call it DEAD. A
 * screenshot per step goes to {@code target/console-screenshots/}. Without chromium the test is
 * skipped, except under {@code CI=true}.
 */
class ConsoleBrowserIT {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Path SCREENSHOTS = Path.of("target", "console-screenshots");
  static final String HOSTILE = "<img src=x onerror=alert(1)>";
  static final Duration WAIT = Duration.ofSeconds(15);

  @TempDir Path dir;
  TestCluster cluster;
  GatewayNode gateway;
  WebDriver browser;
  Path downloads;
  int step;

  @BeforeEach
  void start() throws IOException {
    boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError(
          CHROMIUM + " and " + CHROMEDRIVER + " are needed under CI=true (.ci/run installs them)");
    }
    Assumptions.assumeTrue(
        present,
        "skipped: no "
            + CHROMIUM
            + " or "
            + CHROMEDRIVER
            + " (apt-get install chromium chromium-driver)");
    cluster =
        new TestCluster(
            dir.resolve("cluster"),
            3,
            new MasterConfig(
                "127.0.0.1",
                0,
                1 << 20,
                3,
                Duration.ofSeconds(3),
                Duration.ofMillis(200),
                MasterConfig.DEFAULT_LEASE_TIMEOUT,
                HealingSettings.DEFAULTS.withSafeMode(1, Duration.ZERO)));
    ClusterCredentials credentials = cluster.credentials().orElseThrow();
    gateway =
        GatewayNode.start(
            new GatewayConfig(
                cluster.masterAddress(),
                GatewaySettings.defaults("127.0.0.1", 0),
                credentials.client(),
                Optional.empty(),
                credentials.adminKey()));
    downloads = Files.createDirectories(dir.resolve("downloads"));
    Files.createDirectories(SCREENSHOTS);
    browser = chromium(downloads);
  }

  /** Chromium and its driver from Debian, given by path: Selenium Manager has nothing to find. */
  static WebDriver chromium(Path downloads) {
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900");
    options.setAcceptInsecureCerts(true);
    options.setExperimentalOption(
        "prefs",
        Map.of(
            "download.default_directory", downloads.toString(),
            "download.prompt_for_download", false,
            "safebrowsing.enabled", false));
    return new ChromeDriver(service, options);
  }

  @AfterEach
  void stop() {
    try {
      if (browser != null) {
        browser.quit();
      }
    } finally {
      try {
        if (gateway != null) {
          gateway.close();
        }
      } finally {
        if (cluster != null) {
          cluster.close();
        }
      }
    }
  }

  @Test
  void anAdminRunsTheClusterFromTheConsole() throws Exception {
    byte[] content = new byte[300_000];
    new Random(23).nextBytes(content);
    Path local = dir.resolve("report.bin");
    Files.write(local, content);
    GodfsClient sdk = cluster.client();
    String aliceKey =
        cluster
            .credentials()
            .orElseThrow()
            .addKey(Principal.user("alice", Set.of(), Set.of()), cluster.masterAddress());
    sdk.mkdir(DfsPath.of("/data/old/inner"), true);
    write(sdk, "/data/old/inner/x.txt", "to be deleted");
    write(sdk, "/data/" + HOSTILE, "a hostile name");
    sdk.copyFromLocal(
        local, DfsPath.of("/kept.bin"), false); // chunks that a dead node leaves short

    // Log in with the admin key: the overview shows three live nodes.
    String base = "http://127.0.0.1:" + gateway.port() + "/console/";
    browser.get(base);
    waitFor(By.id("credential")).sendKeys(cluster.credentials().orElseThrow().adminKey().get());
    screenshot("login");
    browser.findElement(By.id("login-submit")).click();
    waitForText(By.id("live-nodes"), "3");
    assertThat(browser.findElement(By.id("leader")).getText()).isEqualTo("single master");
    assertThat(sessionCredential()).isNotEmpty();
    screenshot("overview");

    // Browse: the hostile name is text, no element and no dialog come of it.
    browser.findElement(By.cssSelector("#nav a[data-page=browse]")).click();
    waitFor(By.cssSelector("#entries a.dir")).click();
    WebElement hostile = row(HOSTILE);
    assertThat(hostile.findElement(By.cssSelector("td.name")).getText()).isEqualTo(HOSTILE);
    assertThat(browser.findElements(By.cssSelector("img"))).isEmpty();
    assertNoAlert();
    // The page's policy requires Trusted Types: any innerHTML throws, whatever a bug tried.
    assertThat(
            ((JavascriptExecutor) browser)
                .executeScript(
                    "try { document.createElement('div').innerHTML = '<b>x</b>'; return 'assigned'; }"
                        + " catch (e) { return e.name; }"))
        .isEqualTo("TypeError");
    screenshot("browse-hostile-name");

    // Upload through the page, then download through it: the same bytes, also as the SDK reads
    // them.
    browser.findElement(By.id("upload-input")).sendKeys(local.toAbsolutePath().toString());
    browser.findElement(By.id("upload-submit")).click();
    waitFor(By.id("uploaded"));
    assertThat(read(sdk, "/data/report.bin")).isEqualTo(content);
    screenshot("uploaded");
    row("report.bin").findElement(By.cssSelector("button.download")).click();
    Path downloaded = downloads.resolve("report.bin");
    waiting().until(d -> Files.exists(downloaded) && size(downloaded) == content.length);
    assertThat(Files.readAllBytes(downloaded)).isEqualTo(content);
    // Through a presigned URL (a delegation token of the masters), not the bearer in a URL.
    assertThat(browser.findElement(By.id("downloading")).getText()).contains("presigned URL");
    screenshot("downloaded");

    // Stat: the file's details.
    row("report.bin").findElement(By.cssSelector("button.file")).click();
    waitForText(By.cssSelector("#stat dd"), "/data/report.bin");
    screenshot("stat");

    // Delete a directory: only once its name is typed.
    row("old").findElement(By.cssSelector("button.delete")).click();
    WebElement ok = waitFor(By.id("confirm-ok"));
    assertThat(ok.isEnabled()).isFalse();
    browser.findElement(By.id("confirm-input")).sendKeys("ol");
    assertThat(ok.isEnabled()).isFalse();
    screenshot("delete-confirmation");
    browser.findElement(By.id("confirm-input")).sendKeys("d");
    assertThat(ok.isEnabled()).isTrue();
    ok.click();
    waitFor(By.id("deleted"));
    assertThatThrownBy(() -> sdk.stat(DfsPath.of("/data/old"))).isInstanceOf(DfsException.class);
    waiting().until(d -> !names().contains("old"));
    assertThat(names()).contains(HOSTILE, "report.bin");
    // A file: confirmed with one click.
    row("report.bin").findElement(By.cssSelector("button.delete")).click();
    waitFor(By.id("confirm-ok")).click();
    waiting().until(d -> !names().contains("report.bin"));
    assertThatThrownBy(() -> sdk.stat(DfsPath.of("/data/report.bin")))
        .isInstanceOf(DfsException.class);
    assertNoAlert();
    screenshot("deleted");

    // Nodes: a stopped chunkserver turns DEAD once the master has not heard from it for 3 s.
    browser.findElement(By.cssSelector("#nav a[data-page=nodes]")).click();
    waitFor(By.cssSelector("#nodes tbody tr"));
    assertThat(health("chunk-1")).isEqualTo("LIVE");
    ChunkserverNode first = cluster.chunkservers().getFirst();
    first.close();
    waiting().until(d -> "DEAD".equals(health("chunk-1")));
    assertThat(health("chunk-2")).isEqualTo("LIVE");
    screenshot("node-dead");

    // The overview counts it dead, and its chunks under-replicated once a healing round ran.
    browser.findElement(By.cssSelector("#nav a[data-page=overview]")).click();
    waitForText(By.id("dead-nodes"), "1");
    waiting().until(d -> !"0".equals(d.findElement(By.id("under-replicated")).getText()));
    screenshot("overview-under-replicated");
    assertNoAlert();

    // Someone who is no admin: the master's refusal, naming the permission, on the same page.
    browser.findElement(By.id("logout")).click();
    waitFor(By.id("credential")).sendKeys(aliceKey);
    browser.findElement(By.id("login-submit")).click();
    waiting()
        .until(d -> d.findElement(By.cssSelector("#overview .error")).getText().contains("admin"));
    assertThat(browser.findElement(By.cssSelector("#overview .error")).getText()).contains("403");
    assertThat(sessionCredential()).isEqualTo(aliceKey);
    screenshot("not-an-admin");
  }

  private static void write(GodfsClient sdk, String path, String text) throws IOException {
    try (OutputStream out = sdk.create(DfsPath.of(path), true)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static byte[] read(GodfsClient sdk, String path) throws IOException {
    try (SeekableInput in = sdk.open(DfsPath.of(path))) {
      return in.readAllBytes();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return -1;
    }
  }

  private WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(browser, WAIT);
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  private WebElement waitFor(By by) {
    return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private void waitForText(By by, String text) {
    waiting().until(ExpectedConditions.textToBe(by, text));
  }

  /** The browser row of the entry named {@code name} (names compared as text, never as CSS). */
  private WebElement row(String name) {
    return waiting()
        .until(
            d ->
                d.findElements(By.cssSelector("#entries tr.entry-row")).stream()
                    .filter(r -> name.equals(r.getDomAttribute("data-name")))
                    .findFirst()
                    .orElse(null));
  }

  /** The names listed now, read in one script (the page may redraw its table meanwhile). */
  @SuppressWarnings("unchecked")
  private List<String> names() {
    return (List<String>)
        ((JavascriptExecutor) browser)
            .executeScript(
                "return Array.from(document.querySelectorAll('#entries tr.entry-row'),"
                    + " r => r.dataset.name)");
  }

  private String health(String node) {
    try {
      return browser.findElements(By.cssSelector("#nodes tbody tr")).stream()
          .filter(r -> node.equals(r.getDomAttribute("data-node")))
          .map(r -> r.findElement(By.cssSelector("td.health")).getText())
          .findFirst()
          .orElse("");
    } catch (StaleElementReferenceException e) {
      return ""; // the page redrew its table meanwhile
    }
  }

  private String sessionCredential() {
    Object value =
        ((JavascriptExecutor) browser)
            .executeScript("return sessionStorage.getItem('godfs.console.credential')");
    return value == null ? "" : value.toString();
  }

  private void assertNoAlert() {
    try {
      String text = browser.switchTo().alert().getText();
      throw new AssertionError("a dialog opened (a script ran?): " + text);
    } catch (NoAlertPresentException expected) {
      // no script of a file name ran
    }
  }

  private void screenshot(String name) {
    step++;
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    try {
      Files.write(SCREENSHOTS.resolve(String.format("%02d-%s.png", step, name)), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
