package io.godfs.adapters.backup;

import static io.godfs.adapters.backup.Fixtures.DEVICE;
import static io.godfs.adapters.backup.Fixtures.T0;
import static io.godfs.adapters.backup.Fixtures.bytes;
import static io.godfs.adapters.backup.Fixtures.chunked;
import static io.godfs.adapters.backup.Fixtures.inline;
import static io.godfs.adapters.backup.Fixtures.link;
import static io.godfs.adapters.backup.Fixtures.manifest;
import static io.godfs.adapters.backup.Fixtures.sha256;
import static io.godfs.adapters.backup.Fixtures.store;
import static io.godfs.adapters.backup.Fixtures.withLinks;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.godfs.application.port.out.BackupChunk;
import io.godfs.application.port.out.BackupManifest;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.FileType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryBackupArchiveTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  @Test
  void aManifestWithDirectoriesAnInlineFileAndAChunkedFileWithAHoleRoundTrips() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    BackupChunk first = store(archive, 0, 7, bytes(4, 1));
    BackupChunk third = store(archive, 2, 8, bytes(4, 2));
    byte[] binary = {0, 0, 1, (byte) 0xff, 0, (byte) 0x80, 0};
    BackupManifest written =
        manifest(
            "backup-20261206T100000Z",
            T0,
            inline("/a/binary", binary),
            inline("/a/empty", new byte[0]),
            chunked("/a/holey", 12, first, third),
            // A stored name may hold what a new name may not: it comes back as it was.
            chunked("/a/bell\u0007", 0));

    archive.storeManifest(written);
    BackupManifest read = archive.manifest("backup-20261206T100000Z");

    assertThat(read).usingRecursiveComparison().isEqualTo(written);
    assertThat(read.files().get(0).inline()).containsExactly(binary);
    assertThat(read.files().get(2).chunks()).extracting(BackupChunk::index).containsExactly(0, 2);
    // Special files come back as such, a device with its 64-bit number.
    assertThat(read.specials())
        .extracting(
            BackupManifest.Special::path,
            BackupManifest.Special::kind,
            BackupManifest.Special::device)
        .containsExactly(
            tuple(DfsPath.of("/a/pipe"), FileType.FIFO, 0L),
            tuple(DfsPath.of("/a/sda1"), FileType.BLOCK_DEVICE, DEVICE));
    assertThat(read.specials().get(1).attributes().device()).isEqualTo(DEVICE);
    assertThat(archive.backups()).containsExactly("backup-20261206T100000Z");
    assertThat(archive.describe()).isEqualTo(dir.toString());
  }

  @Test
  void theManifestIsTheDocumentedJson() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    BackupChunk chunk = store(archive, 0, 7, bytes(4, 1));
    archive.storeManifest(
        manifest("b1", T0, inline("/a/small", new byte[] {0, 1, 2}), chunked("/a/big", 4, chunk)));

    JsonNode json = JSON.readTree(dir.resolve("backups/b1/namespace.json").toFile());

    assertThat(json.get("format").asInt()).isEqualTo(5);
    assertThat(json.get("name").asText()).isEqualTo("b1");
    assertThat(json.get("snapshotId").asLong()).isEqualTo(42);
    assertThat(json.get("source").asText()).isEqualTo("00c0ffee12345678");
    assertThat(json.get("takenAt").asText()).isEqualTo("2026-12-06T10:00:00.123456789Z");
    assertThat(json.get("chunkSize").asLong()).isEqualTo(4);
    assertThat(json.get("replication").asInt()).isEqualTo(3);
    assertThat(json.get("directories").get(1).get("path").asText()).isEqualTo("/a");
    assertThat(json.get("directories").get(1).get("modified").asText())
        .isEqualTo("2026-12-06T10:00:00.128456789Z");
    JsonNode small = json.get("files").get(0);
    assertThat(small.get("inline").asText()).isEqualTo("AAEC");
    assertThat(small.get("chunks")).isEmpty();
    JsonNode big = json.get("files").get(1);
    assertThat(big.has("inline")).isFalse();
    assertThat(big.get("chunks").get(0).get("name").asText()).isEqualTo("00c0ffee12345678-7-v1-4");
    assertThat(big.get("chunks").get(0).get("sha256").asText()).isEqualTo(chunk.sha256());
    JsonNode pipe = json.get("specials").get(0);
    assertThat(pipe.get("path").asText()).isEqualTo("/a/pipe");
    assertThat(pipe.get("kind").asText()).isEqualTo("fifo");
    assertThat(pipe.get("device").asLong()).isZero();
    assertThat(pipe.get("mode").asText()).isEqualTo("0620");
    JsonNode disk = json.get("specials").get(1);
    assertThat(disk.get("kind").asText()).isEqualTo("block_device");
    assertThat(disk.get("device").asLong()).isEqualTo(DEVICE);
    assertThat(json.get("links")).isEmpty();
  }

  @Test
  void hardLinksRoundTripAsFurtherNamesOfTheirFirstEntry() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    BackupChunk chunk = store(archive, 0, 7, bytes(4, 1));
    BackupManifest written =
        withLinks(
            manifest("b1", T0, chunked("/a/big", 4, chunk), inline("/a/small", new byte[] {5})),
            link("/big-too", "/a/big"),
            link("/a/big-three", "/a/big"),
            link("/small-too", "/a/small"),
            // Symbolic links and special files may have several names too.
            link("/link-too", "/a/link"),
            link("/pipe-too", "/a/pipe"));

    archive.storeManifest(written);
    BackupManifest read = archive.manifest("b1");

    assertThat(read).usingRecursiveComparison().isEqualTo(written);
    assertThat(read.links())
        .extracting(l -> l.path().toString(), l -> l.first().toString())
        .containsExactly(
            tuple("/big-too", "/a/big"),
            tuple("/a/big-three", "/a/big"),
            tuple("/small-too", "/a/small"),
            tuple("/link-too", "/a/link"),
            tuple("/pipe-too", "/a/pipe"));
    // A file with three names is one file: its bytes and chunks count once.
    assertThat(read.files()).hasSize(2);
    assertThat(read.bytes()).isEqualTo(5);
    assertThat(read.distinctChunks()).isEqualTo(1);
    JsonNode json = JSON.readTree(dir.resolve("backups/b1/namespace.json").toFile());
    assertThat(json.get("links").get(0).get("path").asText()).isEqualTo("/big-too");
    assertThat(json.get("links").get(0).get("first").asText()).isEqualTo("/a/big");
  }

  @Test
  void aHardLinkToNothingTheBackupHoldsOrOverAnotherEntryIsRefused() throws Exception {
    BackupManifest plain = manifest("b1", T0, inline("/a/x", new byte[] {1}));

    assertThatThrownBy(() -> withLinks(plain, link("/y", "/a/missing")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "a hard link to /a/missing, which the backup holds no file, symbolic link or special"
                + " file at");
    assertThatThrownBy(() -> withLinks(plain, link("/y", "/a")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a hard link to /a,");
    assertThatThrownBy(() -> withLinks(plain, link("/a/link", "/a/x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("/a/link: both a hard link and an entry of its own");
    assertThatThrownBy(() -> withLinks(plain, link("/y", "/a/x"), link("/y", "/a/pipe")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("/y: listed twice as a hard link");

    // Read from disk, the refusal names the manifest.
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    archive.storeManifest(withLinks(plain, link("/y", "/a/x")));
    Path file = dir.resolve("backups/b1/namespace.json");
    Files.writeString(
        file, Files.readString(file).replace("\"first\":\"/a/x\"", "\"first\":\"/a/gone\""));
    assertThatThrownBy(() -> archive.manifest("b1"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("a hard link to /a/gone");
  }

  @Test
  void storeChunkHashesExactlyLengthBytesAndReadsNoFurther() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    byte[] source = bytes(200_000, 3);
    InputStream in = new ByteArrayInputStream(source);

    String sha = archive.storeChunk("9-v2-150000", in, 150_000);

    byte[] stored = Arrays.copyOf(source, 150_000);
    assertThat(sha).isEqualTo(sha256(stored));
    assertThat(in.available()).isEqualTo(50_000);
    try (InputStream chunk = archive.openChunk("9-v2-150000")) {
      assertThat(chunk.readAllBytes()).isEqualTo(stored);
    }
    assertThat(archive.hasChunk("9-v2-150000", 150_000)).isTrue();
    assertThat(archive.hasChunk("9-v2-150000", 150_001)).isFalse();
    assertThat(archive.hasChunk("10-v2-150000", 150_000)).isFalse();
    assertThat(archive.hasChunk("10-v2-150000", -1)).isFalse();
    assertThat(archive.storeChunk("empty-v1-0", InputStream.nullInputStream(), 0))
        .isEqualTo(sha256(new byte[0]));
  }

  @Test
  void aSourceThatEndsEarlyLeavesNeitherTheChunkNorATemporaryFile() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);

    assertThatThrownBy(
            () -> archive.storeChunk("5-v1-10", new ByteArrayInputStream(bytes(4, 0)), 10))
        .isInstanceOf(IOException.class)
        .hasMessage("chunk 5-v1-10: the source ended after 4 of 10 bytes");

    try (var files = Files.list(dir.resolve("chunks"))) {
      assertThat(files).isEmpty();
    }
    assertThat(archive.hasChunk("5-v1-10", 10)).isFalse();
  }

  @Test
  void storeChunkReplacesAPartialChunkOfTheSameName() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    Files.write(dir.resolve("chunks/3-v1-8"), bytes(5, 0));

    archive.storeChunk("3-v1-8", new ByteArrayInputStream(bytes(8, 9)), 8);

    assertThat(Files.readAllBytes(dir.resolve("chunks/3-v1-8"))).isEqualTo(bytes(8, 9));
  }

  @Test
  void storedChunksListsTheChunksOfCompleteBackupsWhoseSizeMatchesTheirName() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    BackupChunk a = store(archive, 0, 1, bytes(4, 1));
    BackupChunk b = store(archive, 1, 2, bytes(4, 2));
    BackupChunk c = store(archive, 0, 3, bytes(3, 3));
    assertThat(archive.storedChunks()).as("not yet listed by a complete backup").isEmpty();

    archive.storeManifest(manifest("b1", T0, chunked("/a/x", 8, a, b), chunked("/a/y", 3, c)));
    assertThat(archive.storedChunks())
        .isEqualTo(Map.of(a.name(), a.sha256(), b.name(), b.sha256(), c.name(), c.sha256()));

    Files.write(dir.resolve("chunks").resolve(b.name()), bytes(3, 2));
    Files.delete(dir.resolve("chunks").resolve(c.name()));
    Files.write(dir.resolve("chunks/.tmp-4-v1-4-abc"), bytes(4, 4));
    assertThat(archive.storedChunks()).isEqualTo(Map.of(a.name(), a.sha256()));
  }

  @Test
  void aBackupWithoutItsManifestIsNotCompleteAndItsChunksAreNotStored() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    BackupChunk shared = store(archive, 0, 1, bytes(4, 1));
    BackupChunk only = store(archive, 1, 2, bytes(4, 2));
    archive.storeManifest(manifest("b1", T0, chunked("/a/x", 4, shared)));
    archive.storeManifest(manifest("b2", T0.plusSeconds(60), chunked("/a/x", 8, shared, only)));
    // Interrupted just before the manifest's rename: chunks.sha256 is there, namespace.json not.
    Files.delete(dir.resolve("backups/b2/namespace.json"));

    assertThat(archive.backups()).containsExactly("b1");
    assertThat(archive.storedChunks()).isEqualTo(Map.of(shared.name(), shared.sha256()));
    assertThatThrownBy(() -> archive.manifest("b2"))
        .isInstanceOf(IOException.class)
        .hasMessage("no complete backup named b2 in " + dir + " (backups: b1)");
  }

  @Test
  void backupsAreListedOldestFirstThenByName() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    assertThat(archive.backups()).isEmpty();
    archive.storeManifest(manifest("beta", T0.plusSeconds(10)));
    archive.storeManifest(manifest("alpha", T0.plusSeconds(10)));
    archive.storeManifest(manifest("zeta", T0));
    Files.createDirectories(dir.resolve("backups/.tmp-junk"));

    assertThat(archive.backups()).containsExactly("zeta", "alpha", "beta");
    assertThat(DirectoryBackupArchive.at(dir).backups()).containsExactly("zeta", "alpha", "beta");
  }

  @Test
  void namesThatWouldLeaveTheArchiveAreRefused() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    InputStream none = InputStream.nullInputStream();

    assertThatThrownBy(() -> archive.storeChunk("../evil", none, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'../evil'");
    assertThatThrownBy(() -> archive.storeChunk("a/b", none, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a/b'");
    assertThatThrownBy(() -> archive.openChunk(".."))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'..'");
    assertThatThrownBy(() -> archive.hasChunk(".tmp-1-v1-4-x", 4))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> archive.manifest("../b1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'../b1'");
    assertThatThrownBy(() -> archive.manifest("a/b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'a/b'");
    BackupChunk escaping = new BackupChunk(0, "../../etc/passwd", 4, sha256(bytes(4, 0)));
    assertThatThrownBy(
            () -> archive.storeManifest(manifest("b1", T0, chunked("/a/x", 4, escaping))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'../../etc/passwd'");
    assertThat(dir.resolve("backups/b1")).doesNotExist();
  }

  @Test
  void aManifestOfAnUnknownFormatIsRefusedNamingTheFormatAndTheFile() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    archive.storeManifest(manifest("b1", T0, inline("/a/x", new byte[] {1})));
    Path file = dir.resolve("backups/b1/namespace.json");
    Files.writeString(file, Files.readString(file).replace("\"format\":5", "\"format\":6"));

    assertThatThrownBy(() -> archive.manifest("b1"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("format 6");
    assertThatThrownBy(archive::backups)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("format 6");
  }

  @Test
  void aManifestOfFormatOneLoadsWithoutAttributes() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    archive.storeManifest(manifest("b1", T0, inline("/a/x", new byte[] {1})));
    Path file = dir.resolve("backups/b1/namespace.json");
    JsonNode json = JSON.readTree(file.toFile());
    ((ObjectNode) json).put("format", 1);
    for (JsonNode d : json.get("directories")) {
      ((ObjectNode) d).remove(List.of("owner", "group", "mode", "accessed", "changed"));
    }
    Files.writeString(file, JSON.writeValueAsString(json));

    BackupManifest m = archive.manifest("b1");
    assertThat(m.directories()).allSatisfy(d -> assertThat(d.attributes()).isNull());
    assertThat(m.files().get(0).attributes()).isNull();
  }

  @Test
  void aManifestOfFormatFourLoadsWithoutHardLinks() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    BackupChunk chunk = store(archive, 0, 7, bytes(4, 1));
    BackupManifest written = manifest("b1", T0, chunked("/a/x", 4, chunk));
    archive.storeManifest(written);
    Path file = dir.resolve("backups/b1/namespace.json");
    ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
    json.put("format", 4);
    json.remove("links");
    Files.writeString(file, JSON.writeValueAsString(json));

    BackupManifest m = archive.manifest("b1");
    assertThat(m.links()).isEmpty();
    assertThat(m).usingRecursiveComparison().isEqualTo(written);
    assertThat(archive.backups()).containsExactly("b1");
  }

  @Test
  void aManifestOfFormatThreeLoadsWithoutSpecialFiles() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    archive.storeManifest(manifest("b1", T0, inline("/a/x", new byte[] {1})));
    Path file = dir.resolve("backups/b1/namespace.json");
    ObjectNode json = (ObjectNode) JSON.readTree(file.toFile());
    json.put("format", 3);
    json.remove("specials");
    Files.writeString(file, JSON.writeValueAsString(json));

    BackupManifest m = archive.manifest("b1");
    assertThat(m.specials()).isEmpty();
    assertThat(m.symlinks())
        .extracting(BackupManifest.Symlink::target)
        .containsExactly("../ünï/target");
    assertThat(m.xattrs()).containsOnlyKeys(DfsPath.of("/a"));
    assertThat(m.files().get(0).attributes()).isNull();
  }

  @Test
  void aSpecialFileOfAnUnknownKindOrWithADeviceItCannotHaveIsRefused() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    archive.storeManifest(manifest("b1", T0));
    Path file = dir.resolve("backups/b1/namespace.json");
    String written = Files.readString(file);

    Files.writeString(file, written.replace("\"kind\":\"fifo\"", "\"kind\":\"directory\""));
    assertThatThrownBy(() -> archive.manifest("b1"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("specials[0]: \"kind\" directory (expected: fifo, ");

    Files.writeString(
        file, written.replace("\"kind\":\"fifo\",\"device\":0", "\"kind\":\"fifo\",\"device\":3"));
    assertThatThrownBy(() -> archive.manifest("b1"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("/a/pipe: device 3 for a FIFO (expected: 0)");
  }

  @Test
  void aDamagedManifestIsRefusedNamingTheFileAndTheField() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    archive.storeManifest(manifest("b1", T0, inline("/a/x", new byte[] {1})));
    Path file = dir.resolve("backups/b1/namespace.json");
    Files.writeString(file, Files.readString(file).replace("\"length\":1", "\"length\":\"1\""));

    assertThatThrownBy(() -> archive.manifest("b1"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString())
        .hasMessageContaining("files[0]: \"length\" is missing or not an integer");

    Files.writeString(file, "{\"format\":1,\"name\":");
    assertThatThrownBy(() -> archive.manifest("b1"))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void aMissingChunkIsNamedWithItsDirectory() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);

    assertThatThrownBy(() -> archive.openChunk("1-v1-4"))
        .isInstanceOf(IOException.class)
        .hasMessage("chunk 1-v1-4 is missing from " + dir.resolve("chunks"));
    assertThatThrownBy(() -> archive.manifest("b9"))
        .hasMessage("no complete backup named b9 in " + dir + " (backups: none)");
  }

  @Test
  void theRootIsCreatedWhenMissingAndRefusedWhenAFile() throws Exception {
    DirectoryBackupArchive.at(dir.resolve("new/archive"));
    assertThat(dir.resolve("new/archive/chunks")).isDirectory();
    assertThat(dir.resolve("new/archive/backups")).isDirectory();

    Path file = Files.writeString(dir.resolve("file"), "x");
    assertThatThrownBy(() -> DirectoryBackupArchive.at(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(file.toString());
  }

  @Test
  void aChunkListedWithTwoChecksumsIsRefused() throws Exception {
    DirectoryBackupArchive archive = DirectoryBackupArchive.at(dir);
    BackupChunk chunk = store(archive, 0, 1, bytes(4, 1));
    BackupChunk other = new BackupChunk(0, chunk.name(), 4, sha256(bytes(4, 2)));

    assertThatThrownBy(
            () ->
                archive.storeManifest(
                    manifest("b1", T0, chunked("/a/x", 4, chunk), chunked("/a/y", 4, other))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(chunk.name());
    assertThat(archive.backups()).isEmpty();
  }
}
