package io.echojobs.jobs.coord;

import static org.assertj.core.api.Assertions.assertThat;

import io.echojobs.jobs.message.MessageIds;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import io.echojobs.jobs.concurrent.Parallel;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link Coordination} guarantees; run against memory and Redis. */
public abstract class CoordinationContract {

  private static final Duration HOUR = Duration.ofHours(1);

  protected Coordination coordination;
  protected String scope;

  protected abstract Coordination newCoordination();

  /** Makes the store forget a key as an evicting Redis would (or as a TTL would). */
  protected abstract void evict(String key);

  @BeforeEach
  void open() {
    coordination = newCoordination();
    scope = "conv-" + MessageIds.next();
  }

  @Test
  void aCounterStartsAtZeroAndAddsUp() {
    assertThat(coordination.counter(scope, "pending")).isEmpty();

    assertThat(coordination.add(scope, "pending", 3, HOUR)).isEqualTo(3);
    assertThat(coordination.add(scope, "pending", 2, HOUR)).isEqualTo(5);

    assertThat(coordination.counter(scope, "pending")).hasValue(5);
  }

  @Test
  void eachMemberIsCountedExactlyOnceEvenWhenManyRaceForIt() throws Exception {
    coordination.add(scope, "pending", 20, HOUR);
    List<Callable<Coordination.Decrement>> calls = new ArrayList<>();
    for (int chunk = 0; chunk < 20; chunk++) {
      String member = "chunk-" + chunk;
      for (int duplicate = 0; duplicate < 3; duplicate++) {
        calls.add(() -> coordination.decrementOnce(scope, "pending", member, HOUR));
      }
    }

    List<Coordination.Decrement> results = Parallel.all(calls, Duration.ofSeconds(30));

    assertThat(results.stream().filter(r -> r instanceof Coordination.Decrement.Counted))
        .hasSize(20);
    assertThat(results.stream().filter(r -> r instanceof Coordination.Decrement.AlreadyCounted))
        .hasSize(40);
    assertThat(results).contains(new Coordination.Decrement.Counted(0));
    assertThat(coordination.counter(scope, "pending")).hasValue(0);
  }

  @Test
  void aDecrementNeverGoesBelowZero() {
    coordination.add(scope, "pending", 1, HOUR);

    coordination.decrementOnce(scope, "pending", "a", HOUR);
    Coordination.Decrement second = coordination.decrementOnce(scope, "pending", "b", HOUR);

    assertThat(second).isEqualTo(new Coordination.Decrement.Counted(0));
  }

  @Test
  void aDecrementOnAMissingCounterSaysSoAndMarksNothing() {
    coordination.add(scope, "pending", 2, HOUR);
    evict(CoordKeys.counter(scope, "pending"));

    Coordination.Decrement result = coordination.decrementOnce(scope, "pending", "a", HOUR);

    assertThat(result).isEqualTo(new Coordination.Decrement.CounterMissing());
    assertThat(coordination.counter(scope, "pending")).isEmpty();
    coordination.add(scope, "pending", 1, HOUR);
    assertThat(coordination.decrementOnce(scope, "pending", "a", HOUR))
        .as("the member was not marked by the failed decrement")
        .isEqualTo(new Coordination.Decrement.Counted(0));
  }

  @Test
  void aLockHasOneOwnerAndOnlyTheOwnerReleasesOrExtendsIt() {
    Optional<Coordination.Lock> first = coordination.tryLock(scope, "finalize", HOUR);
    Optional<Coordination.Lock> second = coordination.tryLock(scope, "finalize", HOUR);

    assertThat(first).isPresent();
    assertThat(second).isEmpty();
    Coordination.Lock impostor = new Coordination.Lock(scope, "finalize", "not-the-token");
    assertThat(coordination.release(impostor)).isFalse();
    assertThat(coordination.extend(impostor, HOUR)).isFalse();
    assertThat(coordination.extend(first.get(), HOUR)).isTrue();
    assertThat(coordination.release(first.get())).isTrue();
    assertThat(coordination.release(first.get())).as("released twice").isFalse();
    assertThat(coordination.tryLock(scope, "finalize", HOUR)).isPresent();
  }

  @Test
  void anOwnerTakesOverItsOwnLockButNoOtherOwnerCan() {
    Coordination.Lock first = coordination.tryLock(scope, "finalize", "message-1", HOUR)
        .orElseThrow();

    Optional<Coordination.Lock> again = coordination.tryLock(scope, "finalize", "message-1", HOUR);
    Optional<Coordination.Lock> other = coordination.tryLock(scope, "finalize", "message-2", HOUR);

    assertThat(again).contains(first);
    assertThat(other).isEmpty();
    assertThat(coordination.release(first)).isTrue();
    assertThat(coordination.tryLock(scope, "finalize", "message-2", HOUR)).isPresent();
  }

  @Test
  void aLockWhoseHolderExpiredCannotBeReleasedByThatHolder() {
    Coordination.Lock stale = coordination.tryLock(scope, "summarize", HOUR).orElseThrow();
    evict(CoordKeys.lock(scope, "summarize"));
    Coordination.Lock next = coordination.tryLock(scope, "summarize", HOUR).orElseThrow();

    assertThat(coordination.release(stale)).isFalse();

    assertThat(coordination.tryLock(scope, "summarize", HOUR)).as("next still holds it").isEmpty();
    assertThat(coordination.release(next)).isTrue();
  }

  @Test
  void aOnceFlagIsTakenByExactlyOneOfManyCallers() throws Exception {
    AtomicInteger winners = new AtomicInteger();
    List<Callable<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      calls.add(() -> {
        boolean won = coordination.once(scope, "processing_started", HOUR);
        if (won) {
          winners.incrementAndGet();
        }
        return won;
      });
    }

    Parallel.all(calls, Duration.ofSeconds(30));

    assertThat(winners.get()).isEqualTo(1);
    assertThat(coordination.isSet(scope, "processing_started")).isTrue();
  }

  @Test
  void clearingAScopeLeavesNoKeyButAHeldLock() {
    coordination.add(scope, "pending", 2, HOUR);
    coordination.decrementOnce(scope, "pending", "a", HOUR);
    coordination.once(scope, "started", HOUR);
    Coordination.Lock held = coordination.tryLock(scope, "finalize", HOUR).orElseThrow();

    long deleted = coordination.clear(scope);

    assertThat(deleted).isEqualTo(3);
    assertThat(coordination.counter(scope, "pending")).isEmpty();
    assertThat(coordination.isSet(scope, "started")).isFalse();
    assertThat(coordination.release(held)).isTrue();
  }
}
