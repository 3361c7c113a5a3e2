package io.godfs.domain.access;

import io.godfs.domain.file.PosixIdentity;
import io.godfs.domain.node.NodeId;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Who a request acts for, as the edge authenticated it: a user (API key or token), a chunkserver
 * (its node certificate), a holder of the cluster key, a master (the master itself, or a peer), a
 * user through a delegation token, or anonymous (only when security is switched off).
 */
public sealed interface Principal {
  /** The name audit lines and refusals show. */
  String name();

  /**
   * A user, its groups and the roles it holds on the whole namespace, and its numeric POSIX
   * identity when its key or token maps it to one: then the master checks the inodes' owners and
   * modes for it too, unless it is an administrator (ADR 0029).
   */
  record User(String name, Set<String> groups, Set<Role> roles, Optional<PosixIdentity> posix)
      implements Principal {
    public User {
      Names.check("user", name);
      groups = Set.copyOf(groups);
      groups.forEach(g -> Names.check("group", g));
      roles = Set.copyOf(roles);
      Objects.requireNonNull(posix, "posix");
    }

    /** A user without a POSIX identity: the grants alone decide for it. */
    public User(String name, Set<String> groups, Set<Role> roles) {
      this(name, groups, roles, Optional.empty());
    }

    /** This user with POSIX identity {@code identity}. */
    public User withPosix(PosixIdentity identity) {
      return new User(name, groups, roles, Optional.of(identity));
    }
  }

  /** A chunkserver, which may act only as the node its identity names. */
  record Chunkserver(NodeId node) implements Principal {
    public Chunkserver {
      Objects.requireNonNull(node, "node");
    }

    @Override
    public String name() {
      return "chunkserver:" + node.value();
    }
  }

  /**
   * A node that holds the cluster key (the seed's {@code cluster} principal). The key names no
   * node, so it may act as any chunkserver; a node certificate names one ({@link Chunkserver}).
   */
  record Cluster() implements Principal {
    @Override
    public String name() {
      return "cluster";
    }
  }

  /** A master: this one acting on its own (healing, lease recovery), or a peer. */
  record Master(String id) implements Principal {
    public Master {
      Names.check("master", id);
    }

    @Override
    public String name() {
      return "master:" + id;
    }
  }

  /**
   * A user acting through a delegation token it asked a master for (a presigned URL): {@code
   * issuer}'s name, groups and roles as the master authenticated them then, restricted to what
   * {@code delegation} grants (ADR 0022). Named as its issuer, so the audit trail and the issuer's
   * own upload area follow the user.
   */
  record Delegated(User issuer, Delegation delegation) implements Principal {
    public Delegated {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(delegation, "delegation");
    }

    @Override
    public String name() {
      return issuer.name();
    }
  }

  /** Nobody in particular: every caller when security is off, and no one when it is on. */
  record Anonymous() implements Principal {
    @Override
    public String name() {
      return "anonymous";
    }
  }

  Principal ANONYMOUS = new Anonymous();

  static User user(String name, Set<String> groups, Set<Role> roles) {
    return new User(name, groups, roles);
  }
}
