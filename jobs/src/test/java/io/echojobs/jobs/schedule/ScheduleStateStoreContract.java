package io.echojobs.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What every {@link ScheduleStateStore} guarantees; run against memory and real Redis. */
abstract class ScheduleStateStoreContract {

  static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");
  static final Instant T1 = T0.plusSeconds(60);
  static final Instant T2 = T0.plusSeconds(120);
  static final Duration TTL = Duration.ofSeconds(30);

  abstract ScheduleStateStore store();

  @Test
  void anUnknownScheduleHasNoState() {
    assertThat(store().state("unknown")).isEqualTo(ScheduleState.NEW);
  }

  @Test
  void onlyTheFirstOfTwoClaimsWithTheSameExpectationWins() {
    ScheduleStateStore store = store();

    boolean first = store.claim("s", new Claim(null, T0, null, 0, T0));
    boolean second = store.claim("s", new Claim(null, T1, T1, 0, T0));

    assertThat(first).isTrue();
    assertThat(second).isFalse();
    assertThat(store.state("s").cursor()).isEqualTo(T0);
  }

  @Test
  void aClaimWithAFireRecordsItAsLastFireAndPendingUntilConfirmed() {
    ScheduleStateStore store = store();
    store.claim("s", new Claim(null, T0, null, 0, T0));

    assertThat(store.claim("s", new Claim(T0, T1, T1, 2, T1.plusSeconds(3)))).isTrue();
    assertThat(store.state("s"))
        .isEqualTo(new ScheduleState(T1, T1, T1, T1.plusSeconds(3), false, 2));

    store.confirm("s", T0);
    assertThat(store.state("s").pendingTick()).isEqualTo(T1);
    store.confirm("s", T1);
    assertThat(store.state("s")).isEqualTo(new ScheduleState(T1, T1, null, null, false, 2));
  }

  @Test
  void noFireIsClaimedWhileAnotherIsPending() {
    ScheduleStateStore store = store();
    store.claim("s", new Claim(null, T0, T0, 0, T0));

    assertThat(store.claim("s", new Claim(T0, T1, T1, 0, T1))).isFalse();
    assertThat(store.claim("s", new Claim(T0, T1, null, 1, T1))).isTrue();
    assertThat(store.state("s").pendingTick()).isEqualTo(T0);
    assertThat(store.state("s").misfires()).isEqualTo(1);
  }

  @Test
  void resumingClearsThePauseAndMovesTheCursorToNow() {
    ScheduleStateStore store = store();
    store.claim("s", new Claim(null, T0, null, 0, T0));

    store.pause("s");
    assertThat(store.state("s").paused()).isTrue();
    store.resume("s", T2);

    assertThat(store.state("s").paused()).isFalse();
    assertThat(store.state("s").cursor()).isEqualTo(T2);
  }

  @Test
  void theLeaseHasOneOwnerAndOnlyTheOwnerRenewsOrReleasesIt() {
    ScheduleStateStore store = store();

    assertThat(store.acquireLease("a", TTL)).isTrue();
    assertThat(store.acquireLease("b", TTL)).isFalse();
    assertThat(store.renewLease("b", TTL)).isFalse();
    assertThat(store.renewLease("a", TTL)).isTrue();
    assertThat(store.acquireLease("a", TTL)).isTrue();
    store.releaseLease("b");
    assertThat(store.leaseHolder()).contains("a");

    store.releaseLease("a");
    assertThat(store.leaseHolder()).isEmpty();
    assertThat(store.renewLease("a", TTL)).isFalse();
    assertThat(store.acquireLease("b", TTL)).isTrue();
  }
}
