package io.godfs.adapters.backup;

import static io.godfs.adapters.backup.Fixtures.T0;
import static io.godfs.adapters.backup.Fixtures.bytes;
import static io.godfs.adapters.backup.Fixtures.chunked;
import static io.godfs.adapters.backup.Fixtures.manifest;
import static io.godfs.adapters.backup.Fixtures.store;
import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.application.port.out.BackupChunk;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backup's {@code chunks.sha256} is what {@code sha256sum -c} checks (ADR 0027). */
class ChunkIndexSha256sumTest {
  @TempDir Path dir;

  private record Run(int exitCode, String output) {}

  @Test
  void sha256sumChecksTheChunksOfABackupAndFindsAFlippedByte() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    // Sorted by name, not by id: "14" < "1e" < "a".
    BackupChunk c = store(archive, 1, 10, bytes(4, 2));
    BackupChunk a = store(archive, 0, 20, bytes(4, 1));
    BackupChunk b = store(archive, 0, 30, bytes(3, 3));
    // The same chunk twice (a file's prefix shared with a snapshot's copy) is listed once.
    archive.storeManifest(
        manifest("b1", T0, chunked("/a/x", 8, a, c), chunked("/a/y", 3, b), chunked("/a/z", 4, a)));
    Path backup = dir.resolve("backups/b1");

    assertThat(Files.readString(backup.resolve("chunks.sha256")))
        .isEqualTo(
            a.sha256()
                + "  ../../chunks/00c0ffee12345678-14-v1-4\n"
                + b.sha256()
                + "  ../../chunks/00c0ffee12345678-1e-v1-3\n"
                + c.sha256()
                + "  ../../chunks/00c0ffee12345678-a-v1-4\n");
    Run ok = sha256sumCheck(backup);
    assertThat(ok.exitCode()).as(ok.output()).isZero();
    assertThat(ok.output())
        .contains(
            "../../chunks/00c0ffee12345678-14-v1-4: OK",
            "../../chunks/00c0ffee12345678-1e-v1-3: OK",
            "../../chunks/00c0ffee12345678-a-v1-4: OK");

    Path chunk = dir.resolve("chunks").resolve(b.name());
    byte[] flipped = Files.readAllBytes(chunk);
    flipped[2] ^= 1;
    Files.write(chunk, flipped);
    Run bad = sha256sumCheck(backup);
    assertThat(bad.exitCode()).isNotZero();
    assertThat(bad.output()).contains("../../chunks/00c0ffee12345678-1e-v1-3: FAILED");
  }

  private static Run sha256sumCheck(Path backup) throws IOException, InterruptedException {
    // sha256sum is coreutils', on every Debian machine .ci/run runs on: a missing one fails.
    Process process =
        new ProcessBuilder("sha256sum", "-c", "chunks.sha256")
            .directory(backup.toFile())
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    return new Run(process.exitValue(), output);
  }
}
