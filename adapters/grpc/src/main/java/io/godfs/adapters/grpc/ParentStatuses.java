package io.godfs.adapters.grpc;

import io.godfs.api.v1.FileStatus;
import io.godfs.application.port.in.NamespaceUseCase;
import io.godfs.domain.access.Caller;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.DfsPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The status of the directories whose entries a change of names changed, read right after the
 * change for its answer when the client asks (issue 26). A client that caches attributes (the
 * mount) would otherwise ask for each in a call of its own: the kernel drops a directory's
 * attributes after every mkdir, unlink, rmdir or rename in it and needs them again for its next
 * permission check there. Read after the change's answer came back from the store, so a read sees
 * the change (or a later one); never older attributes than the change left.
 */
final class ParentStatuses {
  private final NamespaceUseCase namespace;

  ParentStatuses(NamespaceUseCase namespace) {
    this.namespace = namespace;
  }

  /** {@code path}'s parent as {@code caller} may see it now; empty for the root or when refused. */
  Optional<FileStatus> parentOf(Caller caller, DfsPath path) {
    if (path.isRoot()) {
      return Optional.empty();
    }
    Outcome<FileStatus> parent = namespace.stat(caller, path.parent()).map(ProtoMapper::toProto);
    return parent instanceof Outcome.Ok<FileStatus> ok ? Optional.of(ok.value()) : Optional.empty();
  }

  /**
   * A create's answer with its parent's status after it added, read without holding a thread (the
   * create's own answer comes from a callback); the answer as it was when the create was refused,
   * or when the parent cannot be read.
   */
  CompletableFuture<Outcome<FileStatus>> withParentAsync(
      Caller caller, DfsPath path, Outcome<FileStatus> answer) {
    if (!(answer instanceof Outcome.Ok<FileStatus> created) || path.isRoot()) {
      return CompletableFuture.completedFuture(answer);
    }
    return namespace
        .statAsync(caller, path.parent())
        .handle(
            (parent, failure) ->
                failure == null
                        && parent.map(ProtoMapper::toProto) instanceof Outcome.Ok<FileStatus> ok
                    ? Outcome.ok(created.value().toBuilder().setParent(ok.value()).build())
                    : answer);
  }

  /** The parents of {@code source} and {@code target}: one when they are the same directory. */
  List<FileStatus> parentsOf(Caller caller, DfsPath source, DfsPath target) {
    List<FileStatus> parents = new ArrayList<>(2);
    parentOf(caller, source).ifPresent(parents::add);
    if (!source.isRoot() && !target.isRoot() && !source.parent().equals(target.parent())) {
      parentOf(caller, target).ifPresent(parents::add);
    }
    return parents;
  }
}
