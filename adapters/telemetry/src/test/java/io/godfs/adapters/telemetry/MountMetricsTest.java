package io.godfs.adapters.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.out.MountMeter;
import io.godfs.application.port.out.MountMeter.OperationMeter;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** A mount's families as a scrape shows them. */
class MountMetricsTest {
  @Test
  void callbacksCountByNameAndResultWithTheirTime() throws IOException {
    NodeMetrics metrics = NodeMetrics.of("v", "mount", "mnt");
    MountMeter mount = metrics.mount();
    OperationMeter write = mount.operation("write");
    write.ended(MountMeter.OK, 300_000);
    write.ended(MountMeter.OK, 2_000_000);
    write.ended("EIO", 40_000_000);
    mount.operation("getattr").ended("ENOENT", 100_000);
    assertThat(mount.operation("write")).isSameAs(write);

    String text = Scrape.text(metrics);

    assertThat(text)
        .contains("godfs_fuse_operations_total{op=\"write\",result=\"ok\"} 2.0")
        .contains("godfs_fuse_operations_total{op=\"write\",result=\"EIO\"} 1.0")
        .contains("godfs_fuse_operations_total{op=\"getattr\",result=\"ENOENT\"} 1.0")
        .doesNotContain("godfs_fuse_operations_total{op=\"getattr\",result=\"ok\"} 1.0")
        .contains("godfs_fuse_operation_seconds_bucket{op=\"write\",le=\"0.001\"} 1")
        .contains("godfs_fuse_operation_seconds_bucket{op=\"write\",le=\"0.0025\"} 2")
        .contains("godfs_fuse_operation_seconds_bucket{op=\"write\",le=\"0.05\"} 3")
        .contains("godfs_fuse_operation_seconds_count{op=\"write\"} 3");
  }

  @Test
  void bufferedBytesAndOpenFilesAreReadAtEachScrape() throws IOException {
    NodeMetrics metrics = NodeMetrics.of("v", "mount", "mnt");
    long[] dirty = {4096};
    metrics.mount().watch(() -> new MountMeter.Figures(dirty[0], 3));

    assertThat(Scrape.text(metrics))
        .contains("godfs_fuse_dirty_bytes 4096.0")
        .contains("godfs_fuse_open_files 3.0");
    dirty[0] = 0;
    assertThat(Scrape.text(metrics)).contains("godfs_fuse_dirty_bytes 0.0");
  }

  @Test
  void aNodeThatMountsNothingShowsNoFuseFamilies() throws IOException {
    assertThat(Scrape.text(NodeMetrics.of("v", "gateway", "gateway")))
        .doesNotContain("godfs_fuse_");
  }
}
