package io.godfs.adapters.metadataratis;

import io.godfs.domain.authority.AuthorityCommand;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.AuthorityState;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.Namespace;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.metadata.v1.BatchResult;
import io.godfs.metadata.v1.Command;
import io.godfs.metadata.v1.CommandResult;
import io.godfs.metadata.v1.LogBatch;
import io.godfs.metadata.v1.LogEntry;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.apache.ratis.io.MD5Hash;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.statemachine.impl.SimpleStateMachineStorage;
import org.apache.ratis.statemachine.impl.SingleFileSnapshotInfo;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.util.LifeCycle;
import org.apache.ratis.util.MD5FileUtil;

/**
 * The Raft state machine: a thin codec around {@link NamespaceCommand#applyTo}, the same transition
 * function the in-memory store runs. Apply is deterministic: time and ids were stamped into the
 * command before replication (ids come from counters in the state), and business refusals become
 * results, never exceptions thrown out of apply.
 */
final class NamespaceStateMachine extends BaseStateMachine {
  private static final System.Logger LOG = System.getLogger(NamespaceStateMachine.class.getName());

  /** A fresh replicated namespace: its root's times must be the same on every replica. */
  static final Instant GENESIS = Instant.EPOCH;

  private final SimpleStateMachineStorage storage = new SimpleStateMachineStorage();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final Consumer<RaftPeerId> leaderListener;
  private Namespace namespace = Namespace.empty(GENESIS);
  private AuthorityState authority = AuthorityState.empty();
  private RememberedRequests requests = new RememberedRequests();

  /**
   * The newest snapshot, kept here because Ratis asks for it on every append and every appender
   * round, and its storage lists the snapshot directory each time until a first snapshot exists.
   */
  private volatile SingleFileSnapshotInfo latestSnapshot;

  NamespaceStateMachine(Consumer<RaftPeerId> leaderListener) {
    this.leaderListener = leaderListener;
  }

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage raftStorage)
      throws IOException {
    super.initialize(server, groupId, raftStorage);
    storage.init(raftStorage);
    load(storage.getLatestSnapshot());
    running();
  }

  /**
   * Before a snapshot from the leader replaces this replica's state (a lagging or new master).
   * Ratis then reloads the state machine only if it reports PAUSED, and otherwise closes this
   * master's whole division; {@link BaseStateMachine}'s pause does nothing, hence this.
   */
  @Override
  public void pause() {
    getLifeCycle().transitionIfValid(LifeCycle.State.PAUSING);
    getLifeCycle().transitionIfValid(LifeCycle.State.PAUSED);
  }

  /** After a snapshot was installed from the leader: its state replaces this replica's. */
  @Override
  public void reinitialize() throws IOException {
    load(storage.loadLatestSnapshot());
    running();
  }

  /** RUNNING, which a later {@link #pause()} starts from. */
  private void running() {
    getLifeCycle().transitionIfValid(LifeCycle.State.STARTING);
    getLifeCycle().transitionIfValid(LifeCycle.State.RUNNING);
  }

  @Override
  public StateMachineStorage getStateMachineStorage() {
    return storage;
  }

  @Override
  public SnapshotInfo getLatestSnapshot() {
    return latestSnapshot;
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    BatchResult result;
    try {
      result =
          apply(
              LogBatch.parseFrom(
                  entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer()),
              entry.getTerm(),
              entry.getIndex());
    } catch (IOException e) {
      // Unreadable entry: stop here rather than diverge from the replicas that can read it.
      return CompletableFuture.failedFuture(e);
    }
    return CompletableFuture.completedFuture(
        Message.valueOf(ByteString.copyFrom(result.toByteArray())));
  }

  private BatchResult apply(LogBatch batch, long term, long index) throws IOException {
    if (batch.getFormat() < LogEntryCodec.FIRST_FORMAT
        || batch.getFormat() > LogEntryCodec.FORMAT) {
      throw new IOException(
          "log entry "
              + index
              + " has format "
              + batch.getFormat()
              + " (this master reads "
              + LogEntryCodec.FORMAT
              + "): upgrade this master");
    }
    BatchResult.Builder results = BatchResult.newBuilder();
    lock.writeLock().lock();
    try {
      for (LogEntry entry : batch.getEntriesList()) {
        CommandResult result = entry.hasRequest() ? requests.get(entry.getRequest()) : null;
        if (result == null) {
          result = ResultCodec.encode(applyCommand(entry.getCommand()));
          if (entry.hasRequest()) {
            requests.remember(entry.getRequest(), result);
          }
        }
        results.addResults(result);
      }
      updateLastAppliedTermIndex(term, index);
      return results.build();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * A transition that throws is a bug; it is the same bug on every replica, so it becomes a result.
   */
  private Outcome<?> applyCommand(Command logged) {
    Object command = null;
    try {
      if (AuthorityCodec.isAuthority(logged)) {
        AuthorityCommand<?> change = AuthorityCodec.decode(logged);
        command = change;
        return change.applyTo(authority);
      }
      NamespaceCommand<?> change = CommandCodec.decode(logged);
      command = change;
      return change.applyTo(namespace);
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "metadata command failed on apply: " + command, e);
      return Outcome.rejected(
          ErrorCode.CONFLICT,
          "the masters could not apply this change (an internal error,"
              + " logged on every master)");
    }
  }

  /** A query on this replica's state (the caller made sure it is recent enough). */
  <R> Outcome<R> read(NamespaceQuery<R> query) {
    lock.readLock().lock();
    try {
      return query.readFrom(namespace);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** The certificate authority's keys on this replica, once installed. */
  Optional<AuthorityKeys> authorityKeys() {
    lock.readLock().lock();
    try {
      return authority.keys();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * ReadIndex barrier: Ratis calls this once this replica applied everything committed before the
   * read.
   */
  @Override
  public CompletableFuture<Message> query(Message request) {
    return CompletableFuture.completedFuture(Message.EMPTY);
  }

  @Override
  public long takeSnapshot() throws IOException {
    lock.readLock().lock();
    try {
      TermIndex last = getLastAppliedTermIndex();
      if (last == null || last.getIndex() < 0) {
        return RaftLog.INVALID_LOG_INDEX;
      }
      File file = storage.getSnapshotFile(last.getTerm(), last.getIndex());
      File tmp = new File(file.getPath() + ".tmp");
      // The MD5 is taken as the bytes are written, not by reading the file back (an 876 MB
      // snapshot was read twice), and the file is on disk before Ratis purges the log it replaces.
      MessageDigest digest = MD5FileUtil.newMD5();
      try (FileChannel channel =
              FileChannel.open(
                  tmp.toPath(),
                  StandardOpenOption.CREATE,
                  StandardOpenOption.TRUNCATE_EXISTING,
                  StandardOpenOption.WRITE);
          OutputStream out =
              new BufferedOutputStream(
                  new DigestOutputStream(Channels.newOutputStream(channel), digest), 1 << 16)) {
        SnapshotFormat.write(namespace, authority, requests, last.getTerm(), last.getIndex(), out);
        out.flush();
        channel.force(true);
      }
      Files.move(tmp.toPath(), file.toPath(), StandardCopyOption.ATOMIC_MOVE);
      try (FileChannel dir = FileChannel.open(file.toPath().getParent())) {
        dir.force(true); // the rename too
      }
      MD5Hash md5 = MD5Hash.newInstance(digest.digest());
      MD5FileUtil.saveMD5File(file, md5);
      SingleFileSnapshotInfo taken =
          new SingleFileSnapshotInfo(new FileInfo(file.toPath(), md5), last);
      storage.updateLatestSnapshot(taken);
      latestSnapshot = taken;
      return last.getIndex();
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Loads {@code snapshot} (the newest in the storage, or null for none) as this replica's state.
   */
  private void load(SingleFileSnapshotInfo snapshot) throws IOException {
    if (snapshot == null) {
      latestSnapshot = null;
      return;
    }
    File file = snapshot.getFile().getPath().toFile();
    MD5Hash expected = snapshot.getFile().getFileDigest();
    if (expected != null) {
      MD5FileUtil.verifySavedMD5(file, expected);
    }
    SnapshotFormat.Loaded loaded;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(file.toPath()), 1 << 16)) {
      loaded = SnapshotFormat.read(in);
    }
    lock.writeLock().lock();
    try {
      namespace = loaded.namespace();
      authority = loaded.authority();
      requests = loaded.requests();
      updateLastAppliedTermIndex(snapshot.getTerm(), snapshot.getIndex());
      latestSnapshot = snapshot;
    } finally {
      lock.writeLock().unlock();
    }
    LOG.log(
        System.Logger.Level.INFO,
        "loaded metadata snapshot "
            + file.getName()
            + ": "
            + loaded.namespace().fileCount()
            + " files");
  }

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
    leaderListener.accept(newLeaderId);
  }
}
