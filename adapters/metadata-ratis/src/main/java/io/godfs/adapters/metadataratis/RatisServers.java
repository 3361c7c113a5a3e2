package io.godfs.adapters.metadataratis;

import io.godfs.domain.node.NodeAddress;
import java.io.File;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.StateMachine;
import org.apache.ratis.thirdparty.io.netty.handler.ssl.SslProvider;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/**
 * Builds a master's Raft server from goDFS settings: the Ratis properties we rely on, in one place.
 */
final class RatisServers {
  private RatisServers() {}

  /**
   * Where the Raft server listens for {@code GODFS_MASTER_RAFT_LISTEN}'s host: an IP address as
   * given (127.0.0.1 stays private); a host name on every interface, because it may not resolve yet
   * when the master starts (a Kubernetes pod's DNS name appears only after the pod exists) and the
   * peers reach this master by that name anyway.
   */
  static String bindHost(String host) {
    if (host.equals("localhost")) {
      return "127.0.0.1";
    }
    boolean ipLiteral =
        host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    return ipLiteral ? host : "0.0.0.0";
  }

  static RaftServer build(RatisSettings settings, RaftGroupId groupId, StateMachine stateMachine)
      throws IOException {
    RaftProperties properties = new RaftProperties();
    File dir = settings.dir().toFile();
    RaftServerConfigKeys.setStorageDir(properties, List.of(dir));
    NodeAddress raft = NodeAddress.parse(settings.self().raftAddress());
    GrpcConfigKeys.Server.setHost(properties, bindHost(raft.host()));
    GrpcConfigKeys.Server.setPort(properties, raft.port());
    long election = settings.electionTimeout().toMillis();
    RaftServerConfigKeys.Rpc.setTimeoutMin(
        properties, TimeDuration.valueOf(election, TimeUnit.MILLISECONDS));
    RaftServerConfigKeys.Rpc.setTimeoutMax(
        properties, TimeDuration.valueOf(2 * election, TimeUnit.MILLISECONDS));
    // Pre-vote (Ratis's default, stated here because the short election timeout relies on it): a
    // follower that only missed heartbeats cannot unseat a leader the other followers still hear.
    RaftServerConfigKeys.LeaderElection.setPreVote(properties, true);
    // Linearizable reads by ReadIndex, answered from the leader's lease while it holds one.
    RaftServerConfigKeys.Read.setOption(properties, RaftServerConfigKeys.Read.Option.LINEARIZABLE);
    RaftServerConfigKeys.Read.setLeaderLeaseEnabled(properties, true);
    // Log compaction: a snapshot every N entries (staggered across the masters); the log is purged
    // up to it; two snapshots kept.
    RaftServerConfigKeys.Snapshot.setAutoTriggerEnabled(properties, true);
    RaftServerConfigKeys.Snapshot.setAutoTriggerThreshold(properties, settings.snapshotThreshold());
    RaftServerConfigKeys.Snapshot.setCreationGap(properties, 1);
    RaftServerConfigKeys.Snapshot.setRetentionFileNum(properties, 2);
    RaftServerConfigKeys.Log.setPurgeUptoSnapshotIndex(properties, true);
    RaftServerConfigKeys.Log.setPurgeGap(properties, 1);
    if (settings.logSegmentBytes() > 0) {
      SizeInBytes segment = SizeInBytes.valueOf(settings.logSegmentBytes());
      RaftServerConfigKeys.Log.setSegmentSizeMax(properties, segment);
      if (settings.logSegmentBytes()
          < RaftServerConfigKeys.Log.Appender.bufferByteLimit(properties).getSize()) {
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(properties, segment);
      }
    }

    // No commit-index entries: by default the leader appends one to the log after each commit, so
    // every batch cost two appends, two replications and two fsyncs on each master. Raft does not
    // need them: followers learn the commit index from the leader, and a restarted master
    // re-applies
    // its log from its snapshot once the leader of the new term commits (the namespace transition
    // is
    // deterministic and retried requests are remembered in the state).
    RaftServerConfigKeys.Log.setLogMetadataEnabled(properties, false);
    // The leader's appender otherwise sleeps after each send to a follower (1 ms in Ratis 3.3,
    // `WAIT_TIME_MIN_DEFAULT`), which a lone writer's next entry waits out: Ozone sets 0 too.
    RaftServerConfigKeys.Log.Appender.setWaitTimeMin(properties, TimeDuration.ZERO);

    boolean hasState = hasState(dir, groupId);
    RaftGroup group =
        hasState || !settings.bootstrap()
            ? RaftGroup.valueOf(groupId)
            : RaftGroup.valueOf(
                groupId, settings.peers().stream().map(RatisServers::peer).toList());
    Parameters parameters = new Parameters();
    settings.tls().ifPresent(tls -> GrpcConfigKeys.TLS.setConf(parameters, tlsConfig(tls)));
    // The Raft port's calls run on the transport's threads, not handed to gRPC's executor first:
    // every handler Ratis registers there returns at once (an append is queued for the log worker,
    // its reply sent when the future completes) or does short local work (a vote's metadata
    // fsync, a snapshot chunk's write). Each hand-off is a wake-up of another thread, and on two
    // cores shared by three masters a follower's was worth 18-33 % of a replicated mkdir, rename
    // or delete (ADR 0032).
    GrpcConfigKeys.Server.setServicesCustomizer(
        parameters, (builder, types) -> builder.directExecutor());
    return RaftServer.newBuilder()
        .setServerId(RaftPeerId.valueOf(settings.self().id()))
        .setParameters(parameters)
        .setStateMachine(stateMachine)
        .setProperties(properties)
        .setGroup(group)
        .setOption(hasState ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
        .build();
  }

  /**
   * One TLS configuration for every part of the Raft server's transport (its server port, its calls
   * to the peers, the client and admin services that share the port): TLS 1.3 only, the JDK's TLS
   * as on goDFS's gRPC, a certificate required from every caller and checked by the trust manager
   * (the peers' host names against their certificates too, as gRPC does).
   */
  static GrpcTlsConfig tlsConfig(RatisTls tls) {
    return GrpcTlsConfig.newBuilder()
        .setName("godfs-raft")
        .setKeyManager(tls.keys())
        .setTrustManager(tls.trust())
        .setMutualTls(true)
        .setSslProvider(SslProvider.JDK)
        .setProtocols("TLSv1.3")
        .build();
  }

  static RaftPeer peer(MasterPeer p) {
    RaftPeer.Builder b = RaftPeer.newBuilder().setId(p.id()).setAddress(p.raftAddress());
    if (p.clientAddress() != null) {
      b.setClientAddress(p.clientAddress());
    }
    return b.build();
  }

  /** Ratis keeps a group's state under {@code dir/<group uuid>}. */
  private static boolean hasState(File dir, RaftGroupId groupId) {
    return new File(dir, groupId.getUuid().toString()).isDirectory();
  }
}
