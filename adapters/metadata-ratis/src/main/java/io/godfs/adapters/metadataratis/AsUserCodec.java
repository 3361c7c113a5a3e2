package io.godfs.adapters.metadataratis;

import io.godfs.domain.file.DfsPath;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.PermissionCheck;
import io.godfs.domain.file.PosixIdentity;
import io.godfs.metadata.v1.AsUser;
import io.godfs.metadata.v1.PathCheck;
import java.util.HashSet;
import java.util.List;

/**
 * A checked user's command (ADR 0029) to and from its log form: the wrapped command's own entry
 * with the user and the checks beside it, so every master runs the same checks on apply.
 */
final class AsUserCodec {
  private AsUserCodec() {}

  static AsUser encode(NamespaceCommand.AsUser<?> c) {
    AsUser.Builder b =
        AsUser.newBuilder().setName(c.name()).setUid(c.who().uid()).setGid(c.who().gid());
    c.who().groups().stream().sorted().forEach(b::addGids);
    for (PermissionCheck check : c.checks()) {
      b.addChecks(
          PathCheck.newBuilder()
              .setPath(check.path().toString())
              .setAncestor(check.ancestor())
              .setParent(check.parent())
              .setSelf(check.self())
              .setSubtree(check.subtree())
              .setSticky(check.sticky()));
    }
    return b.build();
  }

  static <R> NamespaceCommand.AsUser<R> decode(AsUser m, NamespaceCommand<R> command) {
    List<PermissionCheck> checks =
        m.getChecksList().stream()
            .map(
                c ->
                    new PermissionCheck(
                        new DfsPath(c.getPath()),
                        c.getAncestor(),
                        c.getParent(),
                        c.getSelf(),
                        c.getSubtree(),
                        c.getSticky()))
            .toList();
    return new NamespaceCommand.AsUser<>(
        m.getName(),
        new PosixIdentity(m.getUid(), m.getGid(), new HashSet<>(m.getGidsList())),
        checks,
        command);
  }
}
