package io.godfs.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CredentialsFileTest {
  @TempDir Path dir;

  @Test
  void aCredentialIsFoundOnlyForTheMasterItWasWrittenDownFor() throws Exception {
    Path file = dir.resolve("godfs/credentials");
    Path key = dir.resolve("admin.key");
    Files.writeString(key, "godfs_secret\n");
    Path ca = dir.resolve("ca.pem");
    CredentialsFile.remember(
        file, List.of("127.0.0.1:9090", "localhost:9090"), key, Optional.of(ca));

    CredentialsFile.Entry found = CredentialsFile.find(file, "localhost:9090").orElseThrow();
    assertThat(found.credential()).isEqualTo("godfs_secret");
    assertThat(found.ca()).contains(ca.toAbsolutePath());
    assertThat(found.toString()).doesNotContain("godfs_secret");
    assertThat(CredentialsFile.find(file, "127.0.0.1:9091")).isEmpty();
    assertThat(CredentialsFile.find(file, "10.0.0.5:9090,127.0.0.1:9090")).isPresent();
    // The file holds where the secret is, never the secret; only its owner can read it.
    assertThat(Files.readString(file)).doesNotContain("godfs_secret").contains("@" + key);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void forgettingRemovesOnlyThoseAddressesAndAMissingKeyFileIsSkipped() throws Exception {
    Path file = dir.resolve("credentials");
    Path a = Files.writeString(dir.resolve("a.key"), "key-a");
    Path b = Files.writeString(dir.resolve("b.key"), "key-b");
    CredentialsFile.remember(file, List.of("127.0.0.1:9090"), a, Optional.empty());
    CredentialsFile.remember(file, List.of("127.0.0.1:9190"), b, Optional.empty());
    CredentialsFile.remember(file, List.of("127.0.0.1:9090"), b, Optional.empty());
    assertThat(CredentialsFile.find(file, "127.0.0.1:9090").orElseThrow().credential())
        .isEqualTo("key-b");

    CredentialsFile.forget(file, List.of("127.0.0.1:9090"));
    assertThat(CredentialsFile.find(file, "127.0.0.1:9090")).isEmpty();
    assertThat(CredentialsFile.find(file, "127.0.0.1:9190")).isPresent();

    Files.delete(b);
    assertThat(CredentialsFile.find(file, "127.0.0.1:9190")).isEmpty();
    assertThat(CredentialsFile.find(dir.resolve("none"), "127.0.0.1:9190")).isEmpty();
  }

  @Test
  void theLocationComesFromTheEnvironmentOrTheHomeFolder() {
    assertThat(CredentialsFile.location(Map.of("GODFS_CREDENTIALS_FILE", "/tmp/c")))
        .isEqualTo(Path.of("/tmp/c"));
    assertThat(CredentialsFile.location(Map.of()))
        .isEqualTo(Path.of(System.getProperty("user.home"), ".godfs", "credentials"));
  }
}
