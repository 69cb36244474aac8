package io.echojobs.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.echojobs.jobs.testing.SettableClock;
import org.junit.jupiter.api.Test;

class ScheduleStateStoreInMemoryTest extends ScheduleStateStoreContract {

  private final SettableClock clock = new SettableClock(T0);
  private final InMemoryScheduleStateStore store = new InMemoryScheduleStateStore(clock);

  @Override
  ScheduleStateStore store() {
    return store;
  }

  @Test
  void aLeaseNotRenewedWithinItsTtlPassesToAnother() {
    store.acquireLease("a", TTL);

    clock.advance(TTL);

    assertThat(store.leaseHolder()).isEmpty();
    assertThat(store.renewLease("a", TTL)).isFalse();
    assertThat(store.acquireLease("b", TTL)).isTrue();
  }
}
