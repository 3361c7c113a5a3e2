package io.godfs.application.fake;

import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.Caller;
import io.godfs.domain.authority.AuthorityCommand;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.AuthorityState;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.Namespace;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The shared transition function under a monitor, recording every command it applied. */
public final class FakeMetadataStore implements MetadataStore {
  private final Namespace namespace = Namespace.empty(Instant.EPOCH);
  private final List<NamespaceCommand<?>> applied = new ArrayList<>();
  private final AuthorityState authority = AuthorityState.empty();

  @Override
  public synchronized <R> Outcome<R> execute(NamespaceCommand<R> command, Caller caller) {
    applied.add(command);
    return command.applyTo(namespace);
  }

  @Override
  public synchronized <R> Outcome<R> execute(AuthorityCommand<R> command, Caller caller) {
    return command.applyTo(authority);
  }

  @Override
  public synchronized Optional<AuthorityKeys> authorityKeys() {
    return authority.keys();
  }

  @Override
  public synchronized <R> Outcome<R> query(NamespaceQuery<R> query) {
    return query.readFrom(namespace);
  }

  public synchronized List<NamespaceCommand<?>> applied() {
    return List.copyOf(applied);
  }

  @Override
  public void close() {}
}
