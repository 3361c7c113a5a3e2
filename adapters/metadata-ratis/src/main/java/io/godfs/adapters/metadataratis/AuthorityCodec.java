package io.godfs.adapters.metadataratis;

import static io.godfs.adapters.metadataratis.Times.fromProto;
import static io.godfs.adapters.metadataratis.Times.toProto;

import com.google.protobuf.ByteString;
import io.godfs.domain.authority.AuthorityCommand;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.JoinGrant;
import io.godfs.domain.authority.JoinToken;
import io.godfs.domain.authority.NodeRole;
import io.godfs.metadata.v1.AddJoinToken;
import io.godfs.metadata.v1.Command;
import io.godfs.metadata.v1.InstallAuthority;
import io.godfs.metadata.v1.JoinTokenEntry;
import io.godfs.metadata.v1.UseJoinToken;
import java.util.Optional;

/**
 * The certificate authority's commands, results and snapshot records to and from their log form
 * (Command tags 30-39). Pure mapping: the rules are in {@link AuthorityCommand#applyTo}.
 */
@SuppressWarnings("checkstyle:InlineFullyQualifiedName")
final class AuthorityCodec {
  private AuthorityCodec() {}

  /** Whether a log command changes the certificate authority (and not the namespace). */
  static boolean isAuthority(Command command) {
    return switch (command.getKindCase()) {
      case INSTALL_AUTHORITY, ADD_JOIN_TOKEN, USE_JOIN_TOKEN -> true;
      default -> false;
    };
  }

  static Command encode(AuthorityCommand<?> command) {
    Command.Builder b = Command.newBuilder();
    switch (command) {
      case AuthorityCommand.Install c ->
          b.setInstallAuthority(
              InstallAuthority.newBuilder().setKeys(keys(c.keys())).setAt(toProto(c.at())));
      case AuthorityCommand.AddJoinToken c ->
          b.setAddJoinToken(
              AddJoinToken.newBuilder().setToken(token(c.token())).setAt(toProto(c.at())));
      case AuthorityCommand.UseJoinToken c ->
          b.setUseJoinToken(
              UseJoinToken.newBuilder()
                  .setHash(c.hash())
                  .setRole(c.role().label())
                  .setAt(toProto(c.at())));
    }
    return b.build();
  }

  static AuthorityCommand<?> decode(Command command) {
    return switch (command.getKindCase()) {
      case INSTALL_AUTHORITY ->
          new AuthorityCommand.Install(
              keys(command.getInstallAuthority().getKeys()),
              fromProto(command.getInstallAuthority().getAt()));
      case ADD_JOIN_TOKEN ->
          new AuthorityCommand.AddJoinToken(
              token(command.getAddJoinToken().getToken()),
              fromProto(command.getAddJoinToken().getAt()));
      case USE_JOIN_TOKEN ->
          new AuthorityCommand.UseJoinToken(
              command.getUseJoinToken().getHash(),
              NodeRole.parse(command.getUseJoinToken().getRole()),
              fromProto(command.getUseJoinToken().getAt()));
      default ->
          throw new IllegalArgumentException(
              "not a certificate authority command: " + command.getKindCase());
    };
  }

  static io.godfs.metadata.v1.AuthorityKeys keys(AuthorityKeys k) {
    return io.godfs.metadata.v1.AuthorityKeys.newBuilder()
        .setPrivateKey(ByteString.copyFrom(k.privateKey()))
        .setCertificate(ByteString.copyFrom(k.certificate()))
        .setCreated(toProto(k.created()))
        .build();
  }

  static AuthorityKeys keys(io.godfs.metadata.v1.AuthorityKeys k) {
    return new AuthorityKeys(
        k.getPrivateKey().toByteArray(),
        k.getCertificate().toByteArray(),
        fromProto(k.getCreated()));
  }

  static JoinTokenEntry token(JoinToken t) {
    JoinTokenEntry.Builder b =
        JoinTokenEntry.newBuilder()
            .setHash(t.hash())
            .setRole(t.role().label())
            .setExpires(toProto(t.expires()));
    t.name().ifPresent(b::setName);
    t.used().ifPresent(u -> b.setUsed(toProto(u)));
    return b.build();
  }

  static JoinToken token(JoinTokenEntry t) {
    return new JoinToken(
        t.getHash(),
        NodeRole.parse(t.getRole()),
        t.hasName() ? Optional.of(t.getName()) : Optional.empty(),
        fromProto(t.getExpires()),
        t.hasUsed() ? Optional.of(fromProto(t.getUsed())) : Optional.empty());
  }

  static io.godfs.metadata.v1.JoinGrant grant(JoinGrant g) {
    io.godfs.metadata.v1.JoinGrant.Builder b =
        io.godfs.metadata.v1.JoinGrant.newBuilder().setRole(g.role().label());
    g.name().ifPresent(b::setName);
    return b.build();
  }

  static JoinGrant grant(io.godfs.metadata.v1.JoinGrant g) {
    return new JoinGrant(
        NodeRole.parse(g.getRole()), g.hasName() ? Optional.of(g.getName()) : Optional.empty());
  }
}
