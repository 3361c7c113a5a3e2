package io.godfs.adapters.metadataratis;

import io.godfs.application.port.out.MasterMembership;
import io.godfs.domain.error.DfsException;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.node.MasterInfo;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.server.RaftServer;

/**
 * The group's membership through Raft configuration changes (joint consensus in Ratis), submitted
 * to this master's own server. A new master must already run with an empty group; it catches up
 * from the leader's log or snapshot before the change commits.
 */
final class RatisMembership implements MasterMembership {
  /** A joining master may need to receive a whole snapshot before the change commits. */
  private static final Duration CHANGE_TIMEOUT = Duration.ofSeconds(60);

  private final RaftServer server;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();

  RatisMembership(RaftServer server) {
    this.server = server;
  }

  @Override
  public List<MasterInfo> masters() {
    try {
      var division = server.getDivision(RatisMetadataStore.GROUP_ID);
      RaftPeerId leader = division.getInfo().getLeaderId();
      List<MasterInfo> out = new ArrayList<>();
      for (RaftPeer p : division.getRaftConf().getCurrentPeers()) {
        out.add(
            new MasterInfo(
                p.getId().toString(),
                p.getAddress(),
                p.getClientAddress(),
                p.getId().equals(leader)));
      }
      out.sort(Comparator.comparing(MasterInfo::id));
      return out;
    } catch (IOException e) {
      throw new DfsException(
          ErrorCode.UNAVAILABLE, "cannot read the group of masters: " + e.getMessage());
    }
  }

  @Override
  public Outcome<List<MasterInfo>> add(MasterInfo master) {
    List<MasterInfo> current = masters();
    if (current.stream().anyMatch(m -> m.id().equals(master.id()))) {
      return Outcome.rejected(
          ErrorCode.ALREADY_EXISTS, "master " + master.id() + " is already in the group");
    }
    List<RaftPeer> peers = new ArrayList<>(current.stream().map(RatisMembership::peer).toList());
    peers.add(peer(master));
    return change(peers, "adding master " + master.id());
  }

  @Override
  public Outcome<List<MasterInfo>> remove(String id) {
    List<MasterInfo> current = masters();
    if (current.stream().noneMatch(m -> m.id().equals(id))) {
      return Outcome.rejected(
          ErrorCode.NOT_FOUND, "master " + id + " is not in the group " + ids(current));
    }
    if (current.size() - 1 < QUORUM_SAFE_SIZE) {
      return Outcome.rejected(
          ErrorCode.CONFLICT,
          "removing master "
              + id
              + " would leave "
              + (current.size() - 1)
              + " masters: a group needs at least "
              + QUORUM_SAFE_SIZE
              + " to keep working when one fails"
              + " (add a master first)");
    }
    List<RaftPeer> peers =
        current.stream().filter(m -> !m.id().equals(id)).map(RatisMembership::peer).toList();
    return change(peers, "removing master " + id);
  }

  private Outcome<List<MasterInfo>> change(List<RaftPeer> peers, String what) {
    SetConfigurationRequest request =
        new SetConfigurationRequest(
            clientId,
            server.getId(),
            RatisMetadataStore.GROUP_ID,
            callIds.incrementAndGet(),
            peers);
    RaftClientReply reply;
    try {
      reply =
          server.setConfigurationAsync(request).get(CHANGE_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (IOException | ExecutionException e) {
      throw new DfsException(ErrorCode.UNAVAILABLE, what + " failed: " + e.getMessage());
    } catch (TimeoutException e) {
      throw new DfsException(
          ErrorCode.UNAVAILABLE,
          what
              + " was not committed within "
              + CHANGE_TIMEOUT.toSeconds()
              + " s (is the new master running and reachable at its Raft address?)");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DfsException(ErrorCode.UNAVAILABLE, what + " was interrupted");
    }
    if (!reply.isSuccess()) {
      throw new DfsException(ErrorCode.UNAVAILABLE, what + " failed: " + reply.getException());
    }
    return Outcome.ok(masters());
  }

  private static RaftPeer peer(MasterInfo m) {
    RaftPeer.Builder b = RaftPeer.newBuilder().setId(m.id()).setAddress(m.raftAddress());
    if (m.clientAddress() != null) {
      b.setClientAddress(m.clientAddress());
    }
    return b.build();
  }

  private static String ids(List<MasterInfo> masters) {
    return masters.stream().map(MasterInfo::id).toList().toString();
  }
}
