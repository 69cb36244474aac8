package io.echojobs.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The background thread runs passes while started and is gone once closed. */
class SchedulerThreadTest {

  private static final Instant TEN = Instant.parse("2026-03-10T10:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final SettableClock clock = new SettableClock(TEN.minusSeconds(30));
  private final Jobs jobs = Jobs.builder().clock(clock).build();

  @AfterEach
  void closeJobs() {
    jobs.close();
  }

  @Test
  void aStartedSchedulerFiresOnItsOwnThreadAndHandsTheLeaseOverWhenClosed() {
    ScheduleFixtures.declareActors(jobs, "task");
    InMemoryScheduleStateStore store = new InMemoryScheduleStateStore(clock);
    Scheduler scheduler = scheduler(store);
    Scheduler standby = scheduler(store);

    scheduler.start();
    await().atMost(WAIT).until(scheduler::isActive);
    clock.set(TEN.plusSeconds(1));
    await()
        .atMost(WAIT)
        .until(() -> jobs.broker().figures(ScheduleFixtures.QUEUE).ready() == 1);
    scheduler.close();

    assertThat(schedulerThreads()).isZero();
    assertThat(store.leaseHolder()).isEmpty();
    assertThat(standby.tick()).isTrue();
  }

  private Scheduler scheduler(ScheduleStateStore store) {
    return Scheduler.builder(jobs)
        .store(store)
        .passInterval(Duration.ofMillis(20))
        .schedule(Schedule.builder("every-5").cron("*/5 * * * *").actor("task").build())
        .build();
  }

  private static long schedulerThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> thread.getName().equals("echo-jobs-scheduler"))
        .count();
  }
}
