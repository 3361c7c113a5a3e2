package io.godfs.bootstrap.wiring;

import io.godfs.application.master.MasterServices;
import io.godfs.application.port.out.Leadership;
import io.godfs.application.port.out.RaftStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * The metadata store's leadership as the master serves it: the first time this master is asked
 * while leading a new term, it first drops the soft state of any earlier term ({@link
 * MasterServices#beginTerm}), so no request of the new term is answered from stale replica maps.
 * Only for replicated metadata: a sole master never changes term.
 */
final class ServingLeadership implements Leadership {
  private final Leadership store;
  private final MasterServices services;
  private long servedTerm = Long.MIN_VALUE;

  ServingLeadership(Leadership store, MasterServices services) {
    this.store = store;
    this.services = services;
  }

  @Override
  public boolean isLeader() {
    if (!store.isLeader()) {
      return false;
    }
    long term = store.term();
    synchronized (this) {
      if (term != servedTerm) {
        services.beginTerm();
        servedTerm = term;
      }
    }
    return true;
  }

  @Override
  public long term() {
    return store.term();
  }

  @Override
  public Optional<String> leaderAddress() {
    return store.leaderAddress();
  }

  @Override
  public long entriesToApply() {
    return store.entriesToApply();
  }

  @Override
  public long commitIndex() {
    return store.commitIndex();
  }

  @Override
  public RaftStatus status() {
    return store.status();
  }

  @Override
  public void onChange(Runnable listener) {
    store.onChange(listener);
  }

  @Override
  public boolean handOver(Duration timeout) {
    return store.handOver(timeout);
  }
}
