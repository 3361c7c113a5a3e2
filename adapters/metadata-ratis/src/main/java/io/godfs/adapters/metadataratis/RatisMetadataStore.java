package io.godfs.adapters.metadataratis;

import io.godfs.application.port.out.Leadership;
import io.godfs.application.port.out.MasterMembership;
import io.godfs.application.port.out.MetadataMeter;
import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.Caller;
import io.godfs.domain.authority.AuthorityCommand;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceFigures;
import io.godfs.domain.file.NamespaceQuery;
import io.godfs.metadata.v1.BatchResult;
import io.godfs.metadata.v1.LogBatch;
import io.godfs.metadata.v1.LogEntry;
import io.godfs.metadata.v1.RequestId;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.baggage.Baggage;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;

/**
 * Metadata replicated by Apache Ratis over a group of masters. Mutations become log entries that
 * every master applies with the shared namespace transition function; this master submits them to
 * its own Raft server in-process (no extra network hop) and only the leader accepts them. Queries
 * are linearizable: a ReadIndex round (served from the leader's lease when valid) proves that the
 * local state holds every mutation acknowledged before the query started.
 */
public final class RatisMetadataStore implements MetadataStore {
  private static final System.Logger LOG = System.getLogger(RatisMetadataStore.class.getName());

  /** One group per cluster; its id is fixed so every master agrees without configuration. */
  static final RaftGroupId GROUP_ID =
      RaftGroupId.valueOf(
          UUID.nameUUIDFromBytes("godfs-metadata".getBytes(StandardCharsets.UTF_8)));

  private final RatisSettings settings;
  private final RaftServer server;
  private volatile RaftClientAsynchronousProtocol division;
  private final NamespaceStateMachine stateMachine;
  private final RaftPeerId self;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();
  private final List<Runnable> leaderListeners = new CopyOnWriteArrayList<>();
  private final Leadership leadership;
  private final MetadataMeter meter;
  private final AtomicBoolean closed = new AtomicBoolean();

  /** The pause before asking a leader that was not ready yet again. */
  private static final Duration RETRY_PAUSE = Duration.ofMillis(5);

  private static final Executor RETRY_DELAY =
      CompletableFuture.delayedExecutor(RETRY_PAUSE.toMillis(), TimeUnit.MILLISECONDS);
  private final GroupCommit groupCommit;
  private final Tracer tracer;

  private RatisMetadataStore(
      RatisSettings settings,
      RaftServer server,
      NamespaceStateMachine stateMachine,
      MetadataMeter meter,
      OpenTelemetry tracing) {
    this.tracer = tracing.getTracer("io.godfs.raft");
    this.settings = settings;
    this.server = server;
    this.stateMachine = stateMachine;
    this.self = server.getId();
    this.meter = meter;
    this.groupCommit = new GroupCommit(self.toString(), this::replicate, meter);
    this.leadership =
        new RatisLeadership(server, clientId, callIds, leaderListeners, System::nanoTime);
  }

  /**
   * Starts this master's Raft server: recovers its state from {@code dir}, or bootstraps or waits
   * to join.
   */
  public static RatisMetadataStore start(RatisSettings settings) {
    return start(settings, MetadataMeter.NONE);
  }

  /**
   * As above, recording each group-commit batch's size and each mutation's time from submit to
   * result into {@code meter} (ADR 0023).
   */
  public static RatisMetadataStore start(RatisSettings settings, MetadataMeter meter) {
    return start(settings, meter, OpenTelemetry.noop());
  }

  /**
   * As above, each mutation submitted while a span is current also a {@code raft.commit} span of
   * {@code tracing}, from submit to result (ADR 0023). Followers' applies are not traced.
   */
  public static RatisMetadataStore start(
      RatisSettings settings, MetadataMeter meter, OpenTelemetry tracing) {
    RatisMetadataStore[] holder = new RatisMetadataStore[1];
    NamespaceStateMachine stateMachine =
        new NamespaceStateMachine(
            leader -> {
              if (holder[0] != null) {
                holder[0].leaderListeners.forEach(Runnable::run);
              }
            });
    try {
      RaftServer server = RatisServers.build(settings, GROUP_ID, stateMachine);
      holder[0] = new RatisMetadataStore(settings, server, stateMachine, meter, tracing);
      server.start();
      return holder[0];
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot start the metadata Raft server in " + settings.dir() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public <R> Outcome<R> execute(NamespaceCommand<R> command, Caller caller) {
    return await(submit(command, caller));
  }

  @Override
  public <R> Outcome<R> execute(AuthorityCommand<R> command, Caller caller) {
    return await(submitEntry(LogEntryCodec.encode(command, requestOf(caller))));
  }

  @Override
  public Optional<AuthorityKeys> authorityKeys() {
    return stateMachine.authorityKeys();
  }

  private <R> Outcome<R> await(CompletableFuture<Outcome<R>> submitted) {
    try {
      // The batch's replication is bounded by the request timeout; this bound only guards that.
      return submitted.get(settings.requestTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      throw cause instanceof DfsException dfs
          ? new DfsException(dfs.error(), dfs)
          : unavailable("write", cause);
    } catch (TimeoutException e) {
      throw notConfirmed("write");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DfsException(ErrorCode.UNAVAILABLE, "interrupted waiting for a metadata write");
    }
  }

  /**
   * Joins the next group-commit batch; completes once a quorum has the batch and this master
   * applied it.
   */
  @Override
  @SuppressWarnings("unchecked")
  public <R> CompletableFuture<Outcome<R>> submit(NamespaceCommand<R> command, Caller caller) {
    return submitEntry(LogEntryCodec.encode(command, requestOf(caller)));
  }

  private static RequestId requestOf(Caller caller) {
    return caller
        .nextMutation()
        .map(
            tag ->
                RequestId.newBuilder().setClient(tag.request()).setSequence(tag.mutation()).build())
        .orElse(null);
  }

  @SuppressWarnings("unchecked")
  private <R> CompletableFuture<Outcome<R>> submitEntry(LogEntry entry) {
    long submitted = System.nanoTime();
    // Only a call's commit is traced: background writes (healing, leases) would be noise.
    Span span =
        Span.current().getSpanContext().isValid()
            ? tracer
                .spanBuilder("raft.commit")
                .setAttribute(REQUEST_ID, requestIdOrEmpty())
                .startSpan()
            : Span.getInvalid();
    // No timer per command (each would wake the JDK's delay scheduler): its batch has one.
    return groupCommit
        .add(entry)
        .handle(
            (result, failure) -> {
              meter.committed(System.nanoTime() - submitted);
              if (failure != null) {
                span.setStatus(StatusCode.ERROR);
              }
              span.end();
              if (failure == null) {
                return (Outcome<R>) ResultCodec.decode(result);
              }
              Throwable cause =
                  failure instanceof CompletionException ? failure.getCause() : failure;
              if (cause instanceof DfsException dfs) {
                throw dfs;
              }
              throw unavailable("write", cause);
            });
  }

  /** The request id every span of a call carries (ADR 0023), from the current Context. */
  private static final String REQUEST_ID = "godfs.request_id";

  private static String requestIdOrEmpty() {
    String id = Baggage.current().getEntryValue(REQUEST_ID);
    return id == null ? "" : id;
  }

  /** Submitting only queues the command for the next group-commit batch. */
  @Override
  public boolean submitNeverWaits() {
    return true;
  }

  /** A read under the leader's lease completes on the caller's thread, else on a Ratis thread. */
  @Override
  public boolean queriesNeverWait() {
    return true;
  }

  /**
   * Replicates one group-commit batch. Nothing waits on a thread of ours: the reply completes the
   * batch on the Ratis thread that answers it, and a refusal that passes (a new leader not ready
   * yet) is asked again a few milliseconds later on a timer.
   */
  private CompletableFuture<BatchResult> replicate(LogBatch batch) {
    long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
    Message message = Message.valueOf(ByteString.copyFrom(batch.toByteArray()));
    return submitAsync(server, RaftClientRequest.writeRequestType(), message, "write", deadline)
        .thenApply(
            reply -> {
              try {
                return BatchResult.parseFrom(
                    reply.getMessage().getContent().asReadOnlyByteBuffer());
              } catch (IOException e) {
                throw new IllegalStateException(
                    "unreadable result of a metadata write: " + e.getMessage(), e);
              }
            });
  }

  @Override
  public <R> Outcome<R> query(NamespaceQuery<R> query) {
    // ReadIndex: returns once this replica applied everything committed when the read began.
    submit(RaftClientRequest.readRequestType(), Message.EMPTY, "read");
    return stateMachine.read(query);
  }

  /**
   * The same ReadIndex without waiting for it: under the leader's lease the division answers on
   * this thread and the future is complete on return; else it completes on the Ratis thread that
   * confirms the read.
   */
  @Override
  public <R> CompletableFuture<Outcome<R>> queryAsync(NamespaceQuery<R> query) {
    long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
    return submitAsync(
            direct(), RaftClientRequest.readRequestType(), Message.EMPTY, "read", deadline)
        .thenApply(reply -> stateMachine.read(query));
  }

  /** A local read: a scrape must not wait for a ReadIndex round (ADR 0023). */
  @Override
  public NamespaceFigures namespaceFigures() {
    return stateMachine.read(new NamespaceQuery.Figures()).orThrow();
  }

  /** This master's own state, however far behind (an opt-in stale read; tests of followers). */
  public <R> Outcome<R> readLocally(NamespaceQuery<R> query) {
    return stateMachine.read(query);
  }

  /**
   * Submits to this master's own Raft server and waits (reads: the caller's thread waits anyway,
   * and a timed wait needs no timer task). A leader not ready yet is asked again until the timeout.
   */
  private RaftClientReply submit(RaftClientRequest.Type type, Message message, String what) {
    long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
    while (true) {
      long remaining = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      RaftClientReply reply;
      try {
        reply =
            direct()
                .submitClientRequestAsync(request(type, message, remaining))
                .get(remaining, TimeUnit.MILLISECONDS);
      } catch (IOException e) {
        throw unavailable(what, e);
      } catch (ExecutionException e) {
        throw unavailable(what, e.getCause());
      } catch (TimeoutException e) {
        throw notConfirmed(what);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new DfsException(ErrorCode.UNAVAILABLE, "interrupted waiting for a metadata " + what);
      }
      if (reply.isSuccess()) {
        return reply;
      }
      if (!transientAtLeader(reply.getException()) || System.nanoTime() > deadline) {
        throw unavailable(what, reply.getException());
      }
      LockSupport.parkNanos(RETRY_PAUSE.toNanos());
    }
  }

  /**
   * This master's Raft division, to submit to without the server's hop: the server's own entry
   * point hands each request to its client executor and blocks there until it has run, a thread
   * switch per call on top of the caller's own wait. Called directly, a read whose ReadIndex the
   * leader's lease answers completes on the caller's thread. Before the group exists (startup), the
   * server's entry point.
   */
  private RaftClientAsynchronousProtocol direct() {
    RaftClientAsynchronousProtocol known = division;
    if (known != null) {
      return known;
    }
    try {
      if (server.getDivision(GROUP_ID) instanceof RaftClientAsynchronousProtocol d) {
        division = d;
        return d;
      }
    } catch (IOException e) {
      // Not started yet: the server's entry point waits for the group, or names the failure.
    }
    return server;
  }

  private RaftClientRequest request(RaftClientRequest.Type type, Message message, long timeoutMs) {
    return RaftClientRequest.newBuilder()
        .setClientId(clientId)
        .setServerId(self)
        .setGroupId(GROUP_ID)
        .setCallId(callIds.incrementAndGet())
        .setMessage(message)
        .setType(type)
        .setTimeoutMs(timeoutMs)
        .build();
  }

  /**
   * Submits to this master's own Raft server; completes with the successful reply, or fails with a
   * {@link DfsException}. A leader that has not yet applied its own term's first entry answers "not
   * ready": that passes within milliseconds, so it is asked again until the deadline.
   */
  private CompletableFuture<RaftClientReply> submitAsync(
      RaftClientAsynchronousProtocol to,
      RaftClientRequest.Type type,
      Message message,
      String what,
      long deadline) {
    long remaining = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    if (remaining <= 0) {
      return CompletableFuture.failedFuture(notConfirmed(what));
    }
    CompletableFuture<RaftClientReply> reply;
    try {
      reply = to.submitClientRequestAsync(request(type, message, remaining));
    } catch (IOException e) {
      return CompletableFuture.failedFuture(unavailable(what, e));
    }
    return reply
        .orTimeout(remaining, TimeUnit.MILLISECONDS)
        .handle(
            (answer, failure) -> {
              if (failure != null) {
                Throwable cause =
                    failure instanceof CompletionException ? failure.getCause() : failure;
                return CompletableFuture.<RaftClientReply>failedFuture(
                    cause instanceof TimeoutException
                        ? notConfirmed(what)
                        : unavailable(what, cause));
              }
              if (answer.isSuccess()) {
                return CompletableFuture.completedFuture(answer);
              }
              if (!transientAtLeader(answer.getException()) || System.nanoTime() > deadline) {
                return CompletableFuture.<RaftClientReply>failedFuture(
                    unavailable(what, answer.getException()));
              }
              return CompletableFuture.supplyAsync(() -> null, RETRY_DELAY)
                  .thenCompose(ignored -> submitAsync(to, type, message, what, deadline));
            })
        .thenCompose(next -> next);
  }

  private DfsException notConfirmed(String what) {
    return new DfsException(
        ErrorCode.UNAVAILABLE,
        "metadata "
            + what
            + " not confirmed by a quorum of masters within "
            + settings.requestTimeout().toSeconds()
            + " s (are most masters down or unreachable?)");
  }

  /**
   * Refusals that pass within milliseconds on a master that is, or is about to be, the leader: a
   * new leader not ready yet, or a ReadIndex asked while an election settles.
   */
  private static boolean transientAtLeader(Throwable failure) {
    return failure instanceof LeaderNotReadyException || failure instanceof ReadIndexException;
  }

  private DfsException unavailable(String what, Throwable cause) {
    if (cause instanceof NotLeaderException notLeader) {
      RaftPeer leader = notLeader.getSuggestedLeader();
      String where =
          leader == null || leader.getClientAddress() == null
              ? "no leader is known (is a majority of masters down or unreachable?)"
              : "the leader is " + leader.getClientAddress();
      return new DfsException(
          ErrorCode.NOT_LEADER, "master " + self + " is not the metadata leader: " + where);
    }
    if (cause instanceof ReadIndexException
        || cause instanceof LeaderSteppingDownException
        || cause instanceof LeaderNotReadyException) {
      // Leadership is changing: the caller should ask again, here or at the new leader.
      return new DfsException(
          ErrorCode.NOT_LEADER,
          "master "
              + self
              + " cannot serve the metadata "
              + what
              + " while leadership changes; retry");
    }
    // Raft's own messages name its group id, peers' internal addresses and Java types: they go to
    // this master's log, the caller gets what happened in its own terms.
    LOG.log(System.Logger.Level.WARNING, "metadata " + what + " failed", cause);
    return new DfsException(
        ErrorCode.UNAVAILABLE,
        "metadata "
            + what
            + " failed on master "
            + self
            + " (the masters could not replicate it; details in that master's log); retry");
  }

  @Override
  public Optional<MasterMembership> membership() {
    return Optional.of(new RatisMembership(server));
  }

  @Override
  public Leadership leadership() {
    return leadership;
  }

  /** This master's Raft server (membership changes and tests). */
  RaftServer server() {
    return server;
  }

  /** Takes a snapshot now (and lets Ratis compact the log up to it); returns its log index. */
  public long snapshotNow() {
    try {
      return stateMachine.takeSnapshot();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The log index of this master's newest snapshot, or -1 (tests watch the log being compacted).
   */
  long latestSnapshotIndex() {
    var snapshot = stateMachine.getLatestSnapshot();
    return snapshot == null ? -1 : snapshot.getIndex();
  }

  /**
   * The first index still in this master's log: below it, only a snapshot has the entries (tests).
   */
  long firstLogIndex() {
    try {
      return server.getDivision(GROUP_ID).getRaftLog().getStartIndex();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The index of the last log entry this master applied (tests watch followers catch up). */
  public long lastAppliedIndex() {
    return stateMachine.getLastAppliedTermIndex().getIndex();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    groupCommit.close();
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the metadata Raft server: " + e.getMessage(), e);
    }
  }
}
