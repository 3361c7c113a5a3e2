package io.godfs.adapters.grpc;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;

/**
 * The masters a client or chunkserver knows (a comma-separated list), following the leader: a
 * follower's "not the leader" answer names the leader to go to; an unreachable master makes the
 * caller try the next one. Each call carries a request id that stays the same across these retries,
 * so a mutation that reached an old leader is answered once, not applied twice. A call that is slow
 * to answer is watched by a {@link LeaderProbe}, which moves it to a newly elected leader when its
 * master vanished without a word.
 */
public final class MasterEndpoints {
  /** Leader elections take about a second or two; this covers a few failed ones. */
  static final Duration DEFAULT_FAILOVER = Duration.ofSeconds(20);

  private final List<String> addresses;
  private final ChannelPool channels;
  private final Optional<String> credential;

  /** Acting for a caller who presented none: the channel's client certificate must not name it. */
  private final boolean forCallerWithoutCredential;

  private final Duration failover;
  private final String clientId = UUID.randomUUID().toString();
  private final AtomicLong requests = new AtomicLong();
  private volatile String current;

  /** Calls present the credential of {@code channels}, if any. */
  public MasterEndpoints(String addressList, ChannelPool channels) {
    this(addressList, channels, channels.masterCredential(), DEFAULT_FAILOVER, false);
  }

  /**
   * Calls present {@code credential} (empty: none), whatever {@code channels} holds: a gateway
   * shares its connections among the callers it acts for, each call carrying its caller's own. A
   * caller without one stays without one: its calls say so, so that the master does not take the
   * gateway's client certificate for the caller (a refusal where authentication is enforced).
   */
  public MasterEndpoints(String addressList, ChannelPool channels, Optional<String> credential) {
    this(addressList, channels, credential, DEFAULT_FAILOVER, true);
  }

  MasterEndpoints(String addressList, ChannelPool channels, Duration failover) {
    this(addressList, channels, channels.masterCredential(), failover, false);
  }

  private MasterEndpoints(
      String addressList,
      ChannelPool channels,
      Optional<String> credential,
      Duration failover,
      boolean forACaller) {
    List<String> parsed = new ArrayList<>();
    for (String a : addressList.split(",")) {
      if (!a.isBlank()) {
        parsed.add(a.trim());
      }
    }
    if (parsed.isEmpty()) {
      throw new IllegalArgumentException(
          "master addresses '" + addressList + "' (expected: host:port[,host:port...])");
    }
    this.addresses = List.copyOf(parsed);
    this.channels = channels;
    this.credential = credential.map(String::strip).filter(c -> !c.isEmpty());
    this.forCallerWithoutCredential = forACaller && this.credential.isEmpty();
    this.failover = failover;
    this.current = addresses.get(0);
  }

  /** The master calls go to now (the leader, once found). */
  public String current() {
    return current;
  }

  /**
   * Runs {@code rpc} on the leading master's channel, following leader changes for a bounded time.
   */
  public <T> T call(Function<Channel, T> rpc) {
    Metadata headers = new Metadata();
    headers.put(CallerInterceptor.REQUEST_ID, clientId + ":" + requests.incrementAndGet());
    credential.ifPresent(c -> headers.put(CallerInterceptor.AUTHORIZATION, "Bearer " + c));
    if (forCallerWithoutCredential) {
      headers.put(CallerInterceptor.NO_CALLER_CREDENTIAL, "1");
    }
    // The failover budget starts at the first failure: an attempt that waited out its whole
    // deadline
    // on a master that vanished still leaves time to find the new leader.
    long deadline = 0;
    int failedInARow = 0;
    while (true) {
      String address = current;
      Channel channel =
          ClientInterceptors.intercept(
              channels.masterChannel(address), MetadataUtils.newAttachHeadersInterceptor(headers));
      Context.CancellableContext attempt = Context.current().withCancellation();
      LeaderProbe probe = LeaderProbe.watch(address, addresses, channels, attempt);
      Context previous = attempt.attach();
      try {
        return rpc.apply(channel);
      } catch (StatusRuntimeException e) {
        String leader = probe.leaderFound() != null ? probe.leaderFound() : redirect(e);
        if (deadline == 0) {
          deadline = System.nanoTime() + failover.toNanos();
        }
        // An interrupted caller (a node shutting down) stops here: gRPC reports the interrupt as
        // CANCELLED.
        if (leader == null
            || System.nanoTime() > deadline
            || Thread.currentThread().isInterrupted()) {
          throw StatusMapper.toException(e, "the master at " + address);
        }
        if (leader.equals(address)) {
          // The leader itself asks to come back: it is still collecting chunkserver reports.
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
          continue;
        }
        if (!leader.isEmpty()) {
          current = leader;
          failedInARow = 0;
          continue;
        }
        current = next(address);
        if (++failedInARow >= addresses.size()) {
          // Every master refused or was unreachable: an election is under way; wait a little. At
          // most
          // 200 ms, so a client notices the new leader soon after it is elected (failover stall).
          LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(Math.min(200, 50L * failedInARow)));
        }
      } finally {
        attempt.detach(previous);
        probe.close();
      }
    }
  }

  /**
   * Where to retry after {@code e}: the leader a follower named, "" for the next master, or null
   * when the failure is an answer to report (a single known master that is unreachable included).
   */
  private String redirect(StatusRuntimeException e) {
    Metadata trailers = e.getTrailers();
    String code = trailers == null ? null : trailers.get(StatusMapper.ERROR_CODE);
    if ("NOT_LEADER".equals(code)) {
      String leader = trailers.get(LeaderGate.LEADER);
      return leader == null ? "" : leader;
    }
    // A master that went down mid-call resets its streams (CANCELLED); one that is down refuses
    // (UNAVAILABLE);
    // one cut off by the network or frozen answers nothing until the attempt's deadline
    // (DEADLINE_EXCEEDED).
    // Retrying elsewhere is safe for mutations too: the request id makes the group answer a repeat
    // once.
    Status.Code status = e.getStatus().getCode();
    boolean unreachable =
        code == null
            && (status == Status.Code.UNAVAILABLE
                || status == Status.Code.CANCELLED
                || status == Status.Code.DEADLINE_EXCEEDED);
    return unreachable && addresses.size() > 1 ? "" : null;
  }

  private String next(String address) {
    int i = addresses.indexOf(address);
    return addresses.get((i + 1) % addresses.size());
  }
}
