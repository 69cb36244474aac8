package io.echojobs.jobs.coord;

import io.echojobs.jobs.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;

class InMemoryCoordinationTest extends CoordinationContract {

  private SettableClock clock;
  private InMemoryCoordination memory;

  @Override
  protected Coordination newCoordination() {
    clock = new SettableClock(Instant.parse("2026-01-01T00:00:00Z"));
    memory = new InMemoryCoordination(clock);
    return memory;
  }

  @Override
  protected void evict(String key) {
    memory.forget(key);
  }

  @org.junit.jupiter.api.Test
  void keysExpireWithTheClock() {
    coordination.add(scope, "pending", 1, Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(6));

    org.assertj.core.api.Assertions.assertThat(coordination.counter(scope, "pending")).isEmpty();
  }
}
