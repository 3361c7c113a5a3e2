package io.godfs.application.port.out;

import io.godfs.domain.access.Caller;
import io.godfs.domain.authority.AuthorityCommand;
import io.godfs.domain.authority.AuthorityKeys;
import io.godfs.domain.error.ErrorCode;
import io.godfs.domain.error.Outcome;
import io.godfs.domain.file.NamespaceCommand;
import io.godfs.domain.file.NamespaceFigures;
import io.godfs.domain.file.NamespaceQuery;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The durable (or, in memory, process-lifetime) namespace. Every implementation applies commands
 * with {@link NamespaceCommand#applyTo}, the one shared transition function, one at a time in a
 * single order, and answers queries from a state that includes every command it acknowledged.
 *
 * <p>Thread-safe. Refusals are returned as {@link Outcome.Rejected}; an exception means the store
 * itself failed (I/O, lost quorum) and the command may or may not have been applied.
 */
public interface MetadataStore extends AutoCloseable {

  /**
   * Applies {@code command} for {@code caller}. A replicated store tags it with the caller's next
   * request tag ({@link Caller#nextMutation}), so a client's retried request applies once.
   */
  <R> Outcome<R> execute(NamespaceCommand<R> command, Caller caller);

  /**
   * {@link #execute} without holding the caller's thread while the command is made durable: the
   * future completes, on a thread of the store, with what {@code execute} would return, or fails
   * with what it would throw. The caller's request tag is taken before this returns. A store that
   * applies at once (in memory) answers with a completed future.
   */
  default <R> CompletableFuture<Outcome<R>> submit(NamespaceCommand<R> command, Caller caller) {
    try {
      return CompletableFuture.completedFuture(execute(command, caller));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Whether {@link #submit} returns without waiting on anything (no lock another command may hold,
   * no I/O), so a server may call it from a network thread. False for the default, which executes.
   */
  default boolean submitNeverWaits() {
    return false;
  }

  <R> Outcome<R> query(NamespaceQuery<R> query);

  /**
   * {@link #query} without holding the caller's thread while a replicated store confirms that it is
   * up to date: completes with what {@code query} would return, or fails with what it would throw.
   * The default queries at once.
   */
  default <R> CompletableFuture<Outcome<R>> queryAsync(NamespaceQuery<R> query) {
    try {
      return CompletableFuture.completedFuture(query(query));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Whether {@link #queryAsync} returns without waiting on I/O or on other masters (at most on an
   * in-memory lock that a command holds while it changes the namespace in memory), so a server may
   * call it from a network thread. False for the default.
   */
  default boolean queriesNeverWait() {
    return false;
  }

  /**
   * The namespace's counts on this master (ADR 0023), in O(1): a local read, however far behind a
   * follower is, so a metrics scrape never waits on the other masters.
   */
  default NamespaceFigures namespaceFigures() {
    return query(new NamespaceQuery.Figures()).orThrow();
  }

  /**
   * Applies a change to the embedded certificate authority's state, which the store keeps beside
   * the namespace and replicates alike ({@link AuthorityCommand#applyTo}). A store without it
   * refuses.
   */
  default <R> Outcome<R> execute(AuthorityCommand<R> command, Caller caller) {
    return Outcome.rejected(
        ErrorCode.CONFLICT, "this metadata store keeps no certificate authority");
  }

  /**
   * The certificate authority's keys in this master's state, once installed. A local read: the keys
   * never change once installed, so a follower's answer is either the keys or not yet.
   */
  default Optional<AuthorityKeys> authorityKeys() {
    return Optional.empty();
  }

  /** Whether this master leads; a store that does not replicate always does. */
  default Leadership leadership() {
    return Leadership.SOLE;
  }

  /** The group of masters, when this store replicates (empty: metadata in this process only). */
  default Optional<MasterMembership> membership() {
    return Optional.empty();
  }

  @Override
  void close();
}
