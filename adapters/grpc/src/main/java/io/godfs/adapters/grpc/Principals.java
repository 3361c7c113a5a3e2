package io.godfs.adapters.grpc;

import io.godfs.api.v1.WhoAmIResponse;
import io.godfs.domain.access.Principal;
import io.godfs.domain.access.Role;
import io.godfs.domain.node.NodeId;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A principal on the wire, as {@code WhoAmI} answers it. */
final class Principals {
  private Principals() {}

  static WhoAmIResponse toProto(Principal principal) {
    WhoAmIResponse.Builder b = WhoAmIResponse.newBuilder().setName(principal.name());
    switch (principal) {
      case Principal.User u ->
          b.setKind("user")
              .addAllGroups(u.groups().stream().sorted().toList())
              .addAllRoles(u.roles().stream().map(Role::label).sorted().toList());
      case Principal.Chunkserver c -> b.setKind("chunkserver");
      case Principal.Cluster c -> b.setKind("cluster");
      case Principal.Master m -> b.setKind("master");
      case Principal.Anonymous a -> b.setKind("anonymous");
      // Its issuer, as a user: a gateway stages the token's upload in that user's own area.
      case Principal.Delegated d ->
          b.setKind("user")
              .addAllGroups(d.issuer().groups().stream().sorted().toList())
              .addAllRoles(d.issuer().roles().stream().map(Role::label).sorted().toList());
    }
    return b.build();
  }

  /**
   * The principal an answer names. A name the client cannot rebuild as its kind (never sent by a
   * goDFS master) is a user of that name with no roles.
   */
  static Principal toDomain(WhoAmIResponse r) {
    return switch (r.getKind()) {
      case "anonymous" -> Principal.ANONYMOUS;
      case "cluster" -> new Principal.Cluster();
      case "master" -> new Principal.Master(r.getName().substring("master:".length()));
      case "chunkserver" ->
          new Principal.Chunkserver(new NodeId(r.getName().substring("chunkserver:".length())));
      default ->
          Principal.user(
              r.getName(),
              Set.copyOf(r.getGroupsList()),
              r.getRolesList().stream().map(Role::parse).collect(Collectors.toSet()));
    };
  }

  /** The name, and for a user its groups and roles, as {@code godfs whoami} prints them. */
  static String describe(WhoAmIResponse r) {
    StringBuilder s = new StringBuilder(r.getName()).append(" (").append(r.getKind());
    append(s, "roles", r.getRolesList());
    append(s, "groups", r.getGroupsList());
    return s.append(')').toString();
  }

  private static void append(StringBuilder s, String label, List<String> values) {
    if (!values.isEmpty()) {
      s.append("; ").append(label).append(": ").append(String.join(", ", values));
    }
  }
}
