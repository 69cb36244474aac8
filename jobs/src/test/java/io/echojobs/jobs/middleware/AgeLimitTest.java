package io.echojobs.jobs.middleware;

import static org.assertj.core.api.Assertions.assertThat;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.broker.Delivery;
import io.echojobs.jobs.testing.SettableClock;
import io.echojobs.jobs.worker.Settlement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AgeLimitTest {

  private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));

  @Test
  void aMessageOlderThanItsActorsMaxAgeIsDeadLetteredUnrun() throws Exception {
    try (Jobs jobs = Jobs.builder().clock(clock).build()) {
      AtomicInteger runs = new AtomicInteger();
      Actor<String> fresh =
          jobs.declare(
              ActorOptions.builder("fresh").maxAge(Duration.ofMinutes(5)).build(),
              String.class,
              s -> {
                runs.incrementAndGet();
              });
      fresh.send("a");
      fresh.send("b");

      Delivery young = fetchOne(jobs);
      Settlement youngSettlement = jobs.processor().process(young.envelope(), 0);
      clock.advance(Duration.ofMinutes(6));
      Delivery old = fetchOne(jobs);
      Settlement oldSettlement = jobs.processor().process(old.envelope(), 0);

      assertThat(youngSettlement).isInstanceOf(Settlement.Ack.class);
      assertThat(oldSettlement).isInstanceOf(Settlement.DeadLetter.class);
      assertThat(((Settlement.DeadLetter) oldSettlement).reason())
          .isEqualTo("message is PT6M old, past its actor's max age of PT5M");
      assertThat(runs.get()).isEqualTo(1);
    }
  }

  private static Delivery fetchOne(Jobs jobs) throws InterruptedException {
    return jobs.broker().fetch("network", 1, Duration.ofSeconds(30), Duration.ZERO).getFirst();
  }
}
