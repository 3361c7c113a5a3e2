package io.godfs.domain.lease;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LeaseTableTest {
  private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
  private static final Duration TTL = Duration.ofSeconds(60);

  private final LeaseTable table = new LeaseTable();

  private static Lease granted(LeaseDecision decision) {
    assertThat(decision).isInstanceOf(LeaseDecision.Granted.class);
    return ((LeaseDecision.Granted) decision).lease();
  }

  @Test
  void grantsAFreeFileForTheDuration() {
    Lease lease = granted(table.acquire(7, "client-a", T0, TTL));
    assertThat(lease).isEqualTo(new Lease(7, "client-a", T0.plus(TTL)));
    assertThat(table.holderOf(7)).contains(lease);
    assertThat(table.holderOf(8)).isEmpty();
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void sameHolderReacquiresAndExtends() {
    table.acquire(7, "client-a", T0, TTL);
    Lease again = granted(table.acquire(7, "client-a", T0.plusSeconds(30), TTL));
    assertThat(again.expiresAt()).isEqualTo(T0.plusSeconds(90));
    assertThat(table.size()).isEqualTo(1);
  }

  @Test
  void anotherHolderIsRefusedUntilExpiry() {
    Lease first = granted(table.acquire(7, "client-a", T0, TTL));
    LeaseDecision refused = table.acquire(7, "client-b", T0.plus(TTL).minusMillis(1), TTL);
    assertThat(refused).isEqualTo(new LeaseDecision.HeldBy(first));
    assertThat(table.holderOf(7)).contains(first);
    // Different files do not interfere.
    granted(table.acquire(8, "client-b", T0, TTL));
  }

  @Test
  void anotherHolderIsGrantedOnceTheLeaseExpired() {
    table.acquire(7, "client-a", T0, TTL);
    Lease taken = granted(table.acquire(7, "client-b", T0.plus(TTL), TTL));
    assertThat(taken.holder()).isEqualTo("client-b");
    assertThat(table.holderOf(7)).contains(taken);
  }

  @Test
  void renewExtendsOnlyTheHoldersLease() {
    table.acquire(7, "client-a", T0, TTL);
    assertThat(table.renew(7, "client-b", T0.plusSeconds(10), TTL)).isEmpty();
    assertThat(table.renew(8, "client-a", T0.plusSeconds(10), TTL)).isEmpty();
    assertThat(table.renew(7, "client-a", T0.plusSeconds(10), TTL))
        .contains(new Lease(7, "client-a", T0.plusSeconds(70)));
    assertThat(table.holderOf(7).orElseThrow().expiresAt()).isEqualTo(T0.plusSeconds(70));
  }

  @Test
  void renewFailsAfterTheLeaseWasTakenOver() {
    table.acquire(7, "client-a", T0, TTL);
    table.acquire(7, "client-b", T0.plusSeconds(61), TTL);
    assertThat(table.renew(7, "client-a", T0.plusSeconds(62), TTL)).isEmpty();
    assertThat(table.holderOf(7).orElseThrow().holder()).isEqualTo("client-b");
  }

  @Test
  void releaseByTheHolderFreesTheFile() {
    table.acquire(7, "client-a", T0, TTL);
    assertThat(table.release(7, "client-b")).isFalse();
    assertThat(table.holderOf(7)).isPresent();
    assertThat(table.release(7, "client-a")).isTrue();
    assertThat(table.holderOf(7)).isEmpty();
    assertThat(table.release(7, "client-a")).isFalse();
    granted(table.acquire(7, "client-b", T0.plusSeconds(1), TTL));
  }

  @Test
  void expireRemovesAndReturnsExactlyTheExpiredLeases() {
    Lease a = granted(table.acquire(1, "a", T0, Duration.ofSeconds(10)));
    Lease b = granted(table.acquire(2, "b", T0, Duration.ofSeconds(20)));
    Lease c = granted(table.acquire(3, "c", T0, Duration.ofSeconds(30)));

    assertThat(table.expire(T0.plusSeconds(5))).isEmpty();
    assertThat(table.expire(T0.plusSeconds(20))).containsExactlyInAnyOrder(a, b);
    assertThat(table.holderOf(1)).isEmpty();
    assertThat(table.holderOf(2)).isEmpty();
    assertThat(table.holderOf(3)).contains(c);
    assertThat(table.size()).isEqualTo(1);
    assertThat(table.expire(T0.plusSeconds(20))).isEmpty();
  }

  @Test
  void leaseIsExpiredFromItsExpiryInstant() {
    Lease lease = new Lease(1, "a", T0);
    assertThat(lease.isExpired(T0.minusNanos(1))).isFalse();
    assertThat(lease.isExpired(T0)).isTrue();
    assertThatThrownBy(() -> new Lease(1, " ", T0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("holder");
  }
}
