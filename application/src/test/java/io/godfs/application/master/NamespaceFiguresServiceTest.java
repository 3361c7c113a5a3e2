package io.godfs.application.master;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.fake.Callers;
import io.godfs.application.fake.FakeMetadataStore;
import io.godfs.application.fake.Following;
import io.godfs.application.fake.MutableClock;
import io.godfs.application.port.out.Leadership;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NamespaceFigures;
import io.godfs.domain.file.NewFile;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The leader exports the namespace's counts beside the cluster figures; a follower none. */
class NamespaceFiguresServiceTest {
  final MasterServices master =
      MasterServices.create(
          new FakeMetadataStore(),
          new MutableClock(Instant.parse("2026-01-01T00:00:00Z")),
          new MasterSettings(1 << 20, 3, Duration.ofSeconds(30), Duration.ofSeconds(2)),
          new Random(1));

  @Test
  void theLeaderCountsFilesDirectoriesInlineBytesAndLeases() {
    master.namespace().mkdir(Callers.ANONYMOUS, DfsPath.of("/a/b"), true).orThrow();
    master
        .namespace()
        .createWithContent(
            Callers.ANONYMOUS,
            NewFile.withClusterDefaults(DfsPath.of("/a/small"), false),
            new byte[12])
        .orThrow();

    assertThat(master.figures(Leadership.SOLE).namespace())
        .contains(new NamespaceFigures(1, 2, 12, 1, 12, 0));
    assertThat(master.figures(Following.leader(Optional.empty())).namespace()).isEmpty();
  }
}
