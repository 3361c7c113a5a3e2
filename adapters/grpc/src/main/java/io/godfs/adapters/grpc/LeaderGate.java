package io.godfs.adapters.grpc;

import io.godfs.application.port.out.Leadership;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.function.BooleanSupplier;

/**
 * Only the leading master serves: a follower answers every master call with UNAVAILABLE, the {@code
 * NOT_LEADER} code and the leader's address, so clients and chunkservers follow it.
 */
public final class LeaderGate implements ServerInterceptor {
  static final Metadata.Key<String> LEADER =
      Metadata.Key.of("godfs-leader", Metadata.ASCII_STRING_MARSHALLER);
  private static final String REGISTRY = "godfs.cluster.v1.ChunkserverRegistry";

  /** Chunkservers join before they can report: the CA serves while a new leader waits for them. */
  private static final String AUTHORITY = "godfs.api.v1.CertificateAuthority";

  private final Leadership leadership;
  private final String self;
  private final BooleanSupplier ready;

  /**
   * {@code self}: this master's client address, named in refusals. {@code ready}: whether a leader
   * can answer clients yet (a new leader first waits for chunkservers to report; they are let in).
   */
  public LeaderGate(Leadership leadership, String self, BooleanSupplier ready) {
    this.leadership = leadership;
    this.self = self;
    this.ready = ready;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    if (!leadership.isLeader()) {
      Metadata trailers = new Metadata();
      trailers.put(StatusMapper.ERROR_CODE, "NOT_LEADER");
      var leader = leadership.leaderAddress();
      leader.ifPresent(address -> trailers.put(LEADER, address));
      call.close(
          Status.UNAVAILABLE.withDescription(
              "master "
                  + self
                  + " is not the metadata leader: "
                  + leader
                      .map(a -> "the leader is " + a)
                      .orElse("no leader is known (is a majority of masters down?)")),
          trailers);
      return new ServerCall.Listener<>() {};
    }
    String service = call.getMethodDescriptor().getServiceName();
    if (!REGISTRY.equals(service) && !AUTHORITY.equals(service) && !ready.getAsBoolean()) {
      // Naming itself as the leader tells the client to come back here shortly.
      Metadata trailers = new Metadata();
      trailers.put(StatusMapper.ERROR_CODE, "NOT_LEADER");
      trailers.put(LEADER, self);
      call.close(
          Status.UNAVAILABLE.withDescription(
              "master "
                  + self
                  + " has just become the leader and waits for chunkservers to report their replicas"),
          trailers);
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
