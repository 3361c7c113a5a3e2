package io.godfs.adapters.metadatamemory;

import io.godfs.application.port.out.MetadataStore;
import io.godfs.domain.access.Caller;
import io.godfs.domain.authority.AuthorityCommand;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.authority.AuthorityState;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.Namespace;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceQuery;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Metadata held in this process only (development and tests): the shared {@link Namespace}
 * transition function under a read-write lock. Commands apply one at a time in lock order; queries
 * run in parallel. The certificate authority's state ({@link AuthorityState}) sits beside the
 * namespace, under the same lock. Everything is lost when the process stops.
 */
public final class InMemoryMetadataStore implements MetadataStore {
  private final Namespace namespace;
  private final AuthorityState authority = AuthorityState.empty();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

  public InMemoryMetadataStore(Namespace namespace) {
    this.namespace = namespace;
  }

  @Override
  public <R> Outcome<R> execute(NamespaceCommand<R> command, Caller caller) {
    lock.writeLock().lock();
    try {
      return command.applyTo(namespace);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public <R> Outcome<R> execute(AuthorityCommand<R> command, Caller caller) {
    lock.writeLock().lock();
    try {
      return command.applyTo(authority);
    } finally {
      lock.writeLock().unlock();
    }
  }

  @Override
  public Optional<AuthorityKeys> authorityKeys() {
    lock.readLock().lock();
    try {
      return authority.keys();
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public <R> Outcome<R> query(NamespaceQuery<R> query) {
    lock.readLock().lock();
    try {
      return query.readFrom(namespace);
    } finally {
      lock.readLock().unlock();
    }
  }

  @Override
  public void close() {
    // Nothing to release: the namespace lives on the heap.
  }
}
