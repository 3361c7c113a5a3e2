package io.godfs.application.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.godfs.domain.file.FileId;
import io.godfs.domain.file.LeaseHolder;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LeaseRenewerTest {
  /** Answers renewals with a 300 ms lease (so one every 100 ms) and records who renewed. */
  static final class Master extends UnusedMasterClient {
    final LinkedBlockingQueue<Thread> renewals = new LinkedBlockingQueue<>();

    @Override
    public Duration renewLease(LeaseHolder.Client writer) {
      renewals.add(Thread.currentThread());
      return Duration.ofMillis(300);
    }
  }

  private static Thread nextRenewal(Master master) throws InterruptedException {
    Thread renewer = master.renewals.poll(10, TimeUnit.SECONDS);
    assertThat(renewer).as("a renewal within 10 s").isNotNull();
    return renewer;
  }

  @Test
  void filesWrittenOneAfterAnotherShareOneRenewalThread() throws Exception {
    Master master = new Master();
    try (LeaseRenewer leases = new LeaseRenewer(master, LeaseHolder.client("w"))) {
      Set<Thread> renewers = ConcurrentHashMap.newKeySet();
      for (int file = 1; file <= 5; file++) {
        leases.opened(new FileId(file));
        renewers.add(nextRenewal(master)); // the period is 100 ms: each file sees a renewal
        assertThat(leases.closed(new FileId(file))).isTrue();
        assertThat(leases.hasThread()).as("kept while idle").isTrue();
      }
      assertThat(renewers).hasSize(1);
      assertThat(renewers.iterator().next().getName()).isEqualTo("godfs-lease-renewer");
    }
  }

  @Test
  void theIdleThreadEndsAfterItsTimeAndANewStreamStartsAnother() throws Exception {
    Master master = new Master();
    try (LeaseRenewer leases =
        new LeaseRenewer(master, LeaseHolder.client("w"), Duration.ofMillis(200))) {
      leases.opened(new FileId(1));
      Thread first = nextRenewal(master);
      leases.closed(new FileId(1));
      first.join(10_000); // bounded: the thread ends once idle for 200 ms
      assertThat(first.isAlive()).as("the idle thread ended").isFalse();
      assertThat(leases.hasThread()).isFalse();
      master.renewals.clear();

      leases.opened(new FileId(2));
      Thread second = nextRenewal(master);
      assertThat(second).isNotSameAs(first);
      assertThat(nextRenewal(master)).as("renewals go on while the file is open").isSameAs(second);
    }
  }

  @Test
  void renewalsStopWhenNoFileIsOpenEvenWithTheThreadKept() throws Exception {
    Master master = new Master();
    try (LeaseRenewer leases = new LeaseRenewer(master, LeaseHolder.client("w"))) {
      leases.opened(new FileId(1));
      nextRenewal(master);
      nextRenewal(master); // now the 100 ms period is running
      leases.closed(new FileId(1));
      master.renewals.clear();
      // Four periods with no file open. One renewal already under way when the file closed may
      // still arrive; a renewal chain that went on would bring about four.
      long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(400);
      int late = 0;
      for (long left; (left = end - System.nanoTime()) > 0; ) {
        if (master.renewals.poll(left, TimeUnit.NANOSECONDS) != null) {
          late++;
        }
      }
      assertThat(late).isLessThanOrEqualTo(1);
      assertThat(leases.hasThread()).isTrue();
    }
  }

  @Test
  void closeEndsTheKeptThread() throws Exception {
    Master master = new Master();
    LeaseRenewer leases = new LeaseRenewer(master, LeaseHolder.client("w"));
    leases.opened(new FileId(1));
    Thread renewer = nextRenewal(master);
    leases.closed(new FileId(1));
    leases.close();
    renewer.join(10_000);
    assertThat(renewer.isAlive()).isFalse();
  }
}
