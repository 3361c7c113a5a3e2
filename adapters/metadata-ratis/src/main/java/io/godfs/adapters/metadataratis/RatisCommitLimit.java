package io.godfs.adapters.metadataratis;

import io.godfs.metadata.v1.BatchResult;
import io.godfs.metadata.v1.Command;
import io.godfs.metadata.v1.CommandResult;
import io.godfs.metadata.v1.CreateFile;
import io.godfs.metadata.v1.LogBatch;
import io.godfs.metadata.v1.LogEntry;
import io.godfs.metadata.v1.RequestId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * This machine's limit for replicated metadata commits, for {@code godfs bench-metadata}: Raft
 * servers built exactly like the masters' ({@link RatisServers}), in this JVM over 127.0.0.1, fed
 * through the same group commit with create-sized entries, whose state machine only reads each
 * batch and answers (no namespace). A create on Ratis masters costs this plus the namespace work
 * and the client's gRPC call, so goDFS's Ratis creates/s can only come near it, never above.
 */
public final class RatisCommitLimit implements AutoCloseable {
  private static final RaftGroupId GROUP =
      RaftGroupId.valueOf(UUID.nameUUIDFromBytes("godfs-commit-limit".getBytes()));
  private final List<RaftServer> servers = new ArrayList<>();
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();
  private final AtomicLong sequence = new AtomicLong();
  private final GroupCommit groupCommit;
  private RaftServer leader;

  /**
   * {@code raftAddresses}: free 127.0.0.1 ports, one per server; {@code dir}: where their logs go.
   */
  public static RatisCommitLimit start(Path dir, List<String> raftAddresses) {
    return new RatisCommitLimit(dir, raftAddresses);
  }

  private RatisCommitLimit(Path dir, List<String> raftAddresses) {
    List<MasterPeer> peers = new ArrayList<>();
    for (int i = 0; i < raftAddresses.size(); i++) {
      peers.add(new MasterPeer("limit" + i, raftAddresses.get(i), null));
    }
    try {
      for (MasterPeer peer : peers) {
        RaftServer server =
            RatisServers.build(
                RatisSettings.of(peer, peers, dir.resolve(peer.id()), true),
                GROUP,
                new AnsweringStateMachine());
        servers.add(server);
        server.start();
      }
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(
          "cannot start the Raft servers of the commit limit: " + e.getMessage(), e);
    }
    this.leader = awaitLeader(Duration.ofSeconds(30));
    this.groupCommit = new GroupCommit("commit-limit", this::replicate);
  }

  /**
   * Commits one create-sized entry through group commit; returns once a majority has it applied.
   */
  public void commitOne() {
    long n = sequence.incrementAndGet();
    LogEntry entry =
        LogEntry.newBuilder()
            .setRequest(RequestId.newBuilder().setClient(clientId.toString()).setSequence(n))
            .setCommand(
                Command.newBuilder()
                    .setCreateFile(
                        CreateFile.newBuilder()
                            .setPath("/bench-commit-limit/r0-" + (n % 32) + "-" + n)
                            .setReplication(3)
                            .setChunkSize(64L << 20)))
            .build();
    try {
      groupCommit.add(entry).get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("a commit of the limit's Raft group failed: " + e, e);
    }
  }

  private CompletableFuture<BatchResult> replicate(LogBatch batch) {
    RaftClientRequest request =
        RaftClientRequest.newBuilder()
            .setClientId(clientId)
            .setServerId(leader.getId())
            .setGroupId(GROUP)
            .setCallId(callIds.incrementAndGet())
            .setMessage(Message.valueOf(ByteString.copyFrom(batch.toByteArray())))
            .setType(RaftClientRequest.writeRequestType())
            .setTimeoutMs(30_000)
            .build();
    try {
      return leader
          .submitClientRequestAsync(request)
          .thenApply(
              reply -> {
                if (!reply.isSuccess()) {
                  throw new IllegalStateException("commit refused: " + reply.getException());
                }
                try {
                  return BatchResult.parseFrom(
                      reply.getMessage().getContent().asReadOnlyByteBuffer());
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private RaftServer awaitLeader(Duration within) {
    long deadline = System.nanoTime() + within.toNanos();
    while (System.nanoTime() < deadline) {
      for (RaftServer s : servers) {
        try {
          if (s.getDivision(GROUP).getInfo().isLeaderReady()) {
            return s;
          }
        } catch (IOException e) {
          // Not started yet: ask again.
        }
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
    }
    close();
    throw new IllegalStateException(
        "the commit limit's Raft group elected no leader within " + within);
  }

  @Override
  public void close() {
    if (groupCommit != null) {
      groupCommit.close();
    }
    for (RaftServer s : servers) {
      try {
        s.close();
      } catch (IOException e) {
        // Closing a benchmark's servers: nothing left to keep.
      }
    }
  }

  /**
   * Reads each batch and answers one empty result per entry, as the masters answer one per command.
   */
  private static final class AnsweringStateMachine extends BaseStateMachine {
    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
      var entry = trx.getLogEntry();
      try {
        LogBatch batch =
            LogBatch.parseFrom(entry.getStateMachineLogEntry().getLogData().asReadOnlyByteBuffer());
        BatchResult.Builder results = BatchResult.newBuilder();
        for (int i = 0; i < batch.getEntriesCount(); i++) {
          results.addResults(CommandResult.getDefaultInstance());
        }
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        return CompletableFuture.completedFuture(
            Message.valueOf(ByteString.copyFrom(results.build().toByteArray())));
      } catch (IOException e) {
        return CompletableFuture.failedFuture(e);
      }
    }
  }
}
