package io.godfs.adapters.metadataratis;

import io.godfs.application.contract.MetadataStoreContract;
import io.godfs.application.port.out.MetadataStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;

/** The metadata contract against a real single-master Ratis group (log fsynced on disk). */
class RatisMetadataStoreContractTest extends MetadataStoreContract {
  private Path dir;
  private RatisGroup group;

  @Override
  protected MetadataStore newStore() {
    try {
      dir = Files.createTempDirectory("godfs-ratis-contract");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    group = new RatisGroup(1, dir, UnaryOperator.identity());
    group.awaitLeader(Duration.ofSeconds(20));
    // The group owns the store; closing it twice is harmless.
    return group.store(0);
  }

  @AfterEach
  void removeGroup() throws IOException {
    group.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
