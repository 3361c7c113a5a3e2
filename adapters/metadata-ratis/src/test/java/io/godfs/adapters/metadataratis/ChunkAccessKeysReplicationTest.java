package io.godfs.adapters.metadataratis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.godfs.application.fake.Callers;
import io.godfs.domain.authority.AuthorityState;
import io.godfs.domain.chunk.ChunkAccessKey;
import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.Namespace;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.metadata.v1.DirectoryEntry;
import io.godfs.metadata.v1.SnapshotHeader;
import io.godfs.metadata.v1.SnapshotRecord;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The keys of chunk access tokens live in the replicated metadata: every master applies the same
 * key bytes, and the keys survive a snapshot and a restart of every master (ADR 0022).
 */
class ChunkAccessKeysReplicationTest {
  private static final Duration ELECTION = Duration.ofSeconds(20);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  @TempDir Path dir;
  private RatisGroup group;

  @AfterEach
  void closeGroup() {
    if (group != null) {
      group.close();
    }
  }

  private static ChunkAccessKey key(long id, Instant created) {
    byte[] secret = new byte[32];
    Arrays.fill(secret, (byte) (17 * id));
    return new ChunkAccessKey(id, secret, created, created.plus(Duration.ofHours(49)));
  }

  private static List<ChunkAccessKey> keysOf(RatisMetadataStore store) {
    return store.readLocally(new NamespaceQuery.ChunkAccessKeys()).orThrow();
  }

  @Test
  void keysSurviveASnapshotAndARestartOfEveryMaster() {
    group = new RatisGroup(3, dir, UnaryOperator.identity());
    int leader = group.awaitServingLeader(ELECTION);
    ChunkAccessKey inSnapshot = key(1, T0);
    ChunkAccessKey inLog = key(2, T0.plus(Duration.ofHours(24)));
    group
        .store(leader)
        .execute(new NamespaceCommand.AddChunkAccessKey(inSnapshot, T0), Callers.ANONYMOUS)
        .orThrow();
    group.store(leader).snapshotNow();
    group
        .store(leader)
        .execute(new NamespaceCommand.AddChunkAccessKey(inLog, inLog.created()), Callers.ANONYMOUS)
        .orThrow();
    for (int i = 0; i < 3; i++) {
      group.stop(i);
    }
    for (int i = 0; i < 3; i++) {
      group.start(i);
    }
    int again = group.awaitServingLeader(ELECTION);
    assertThat(group.store(again).query(new NamespaceQuery.ChunkAccessKeys()).orThrow())
        .containsExactly(inSnapshot, inLog);
    // Every master holds the same bytes: a chunkserver verifies whichever leader signed.
    for (int i = 0; i < 3; i++) {
      RatisMetadataStore master = group.store(i);
      RatisGroup.await(
          ELECTION,
          "master " + i + " applied both keys",
          () -> master.leadership().entriesToApply() == 0 && keysOf(master).size() == 2);
      assertThat(keysOf(master)).containsExactly(inSnapshot, inLog);
    }
  }

  @Test
  void aSnapshotHoldsTheKeysAndAFormatOneImageStillLoads() throws IOException {
    Namespace namespace = Namespace.empty(NamespaceStateMachine.GENESIS);
    namespace.mkdir(DfsPath.of("/d"), false, T0).orThrow();
    namespace.chunkAccessKeys().add(key(1, T0), T0).orThrow();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotFormat.write(namespace, AuthorityState.empty(), new RememberedRequests(), 1, 10, out);
    SnapshotFormat.Loaded loaded = SnapshotFormat.read(new ByteArrayInputStream(out.toByteArray()));
    assertThat(loaded.namespace().chunkAccessKeys().all()).containsExactly(key(1, T0));
    assertThat(loaded.namespace().stat(DfsPath.of("/d")).orThrow().isDirectory()).isTrue();

    // An image written before keys existed: format 1, no key records.
    ByteArrayOutputStream old = new ByteArrayOutputStream();
    SnapshotHeader.newBuilder()
        .setFormat(SnapshotFormat.FORMAT_WITHOUT_KEYS)
        .setTerm(1)
        .setIndex(5)
        .setNextInodeId(3)
        .setNextChunkId(1)
        .setRootCreated(Times.toProto(T0))
        .setRootModified(Times.toProto(T0))
        .build()
        .writeDelimitedTo(old);
    SnapshotRecord.newBuilder()
        .setDirectory(
            DirectoryEntry.newBuilder()
                .setId(2)
                .setParentId(1)
                .setName("d")
                .setCreated(Times.toProto(T0))
                .setModified(Times.toProto(T0)))
        .build()
        .writeDelimitedTo(old);
    SnapshotFormat.Loaded formatOne =
        SnapshotFormat.read(new ByteArrayInputStream(old.toByteArray()));
    assertThat(formatOne.namespace().chunkAccessKeys().all()).isEmpty();
    assertThat(formatOne.namespace().stat(DfsPath.of("/d")).orThrow().isDirectory()).isTrue();
  }

  @Test
  void delegationKeysAreARingOfTheirOwnThroughTheLogAndSnapshots() throws IOException {
    Namespace namespace = Namespace.empty(NamespaceStateMachine.GENESIS);
    new NamespaceCommand.AddDelegationKey(key(1, T0), T0).applyTo(namespace).orThrow();
    namespace.chunkAccessKeys().add(key(4, T0), T0).orThrow();
    // The command goes through the log's codec unchanged.
    NamespaceCommand<?> decoded =
        CommandCodec.decode(
            CommandCodec.encode(new NamespaceCommand.AddDelegationKey(key(2, T0), T0)));
    assertThat(decoded).isEqualTo(new NamespaceCommand.AddDelegationKey(key(2, T0), T0));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotFormat.write(namespace, AuthorityState.empty(), new RememberedRequests(), 1, 10, out);
    SnapshotFormat.Loaded loaded = SnapshotFormat.read(new ByteArrayInputStream(out.toByteArray()));
    assertThat(loaded.namespace().delegationKeys().all()).containsExactly(key(1, T0));
    assertThat(loaded.namespace().chunkAccessKeys().all()).containsExactly(key(4, T0));

    // A format 3 image (written before delegation keys) loads with none, and cannot hold one.
    ByteArrayOutputStream three = new ByteArrayOutputStream();
    header(3).writeDelimitedTo(three);
    assertThat(
            SnapshotFormat.read(new ByteArrayInputStream(three.toByteArray()))
                .namespace()
                .delegationKeys()
                .all())
        .isEmpty();
    SnapshotRecord.newBuilder()
        .setDelegationKey(AccessKeyCodec.encode(key(1, T0)))
        .build()
        .writeDelimitedTo(three);
    assertThatThrownBy(() -> SnapshotFormat.read(new ByteArrayInputStream(three.toByteArray())))
        .hasMessageContaining("snapshot format 3 holds a delegation key");
  }

  private static SnapshotHeader header(int format) {
    return SnapshotHeader.newBuilder()
        .setFormat(format)
        .setTerm(1)
        .setIndex(5)
        .setNextInodeId(2)
        .setNextChunkId(1)
        .setRootCreated(Times.toProto(T0))
        .setRootModified(Times.toProto(T0))
        .build();
  }
}
