package io.echojobs.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.schedule.ScheduleFixtures.Sent;
import io.echojobs.jobs.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pause, resume, run now, the listing and overrides from a configuration file. */
class SchedulerControlTest {

  private static final Instant TEN = Instant.parse("2026-03-10T10:00:00Z");

  private final SettableClock clock = new SettableClock(TEN.minusSeconds(30));
  private final Jobs jobs = Jobs.builder().clock(clock).build();

  @BeforeEach
  void declareActors() {
    ScheduleFixtures.declareActors(jobs, "task");
  }

  @AfterEach
  void closeJobs() {
    jobs.close();
  }

  @Test
  void aPausedScheduleDoesNotFireAndTheTicksItPassedAreNotMisfires() {
    Scheduler scheduler = scheduler(ScheduleOverrides.NONE);
    scheduler.tick();

    scheduler.pause("every-5");
    clock.set(TEN.plus(Duration.ofMinutes(12)));
    scheduler.tick();
    assertThat(ScheduleFixtures.drain(jobs)).isEmpty();
    assertThat(status(scheduler).paused()).isTrue();

    scheduler.resume("every-5");
    clock.set(TEN.plus(Duration.ofMinutes(15)));
    scheduler.tick();

    assertThat(ScheduleFixtures.drain(jobs))
        .filteredOn(sent -> sent.scheduleId().equals("every-5"))
        .extracting(Sent::tick)
        .containsExactly(TEN.plus(Duration.ofMinutes(15)));
    assertThat(status(scheduler).misfires()).isZero();
  }

  @Test
  void runNowSendsAtOnceWithoutTouchingTheTicks() {
    Scheduler scheduler = scheduler(ScheduleOverrides.NONE);
    scheduler.tick();

    String messageId = scheduler.runNow("every-5");

    assertThat(messageId).isNotBlank();
    assertThat(ScheduleFixtures.drain(jobs))
        .extracting(Sent::uniqueKey)
        .containsExactly("schedule:every-5:now:" + TEN.minusSeconds(30).toEpochMilli());
    clock.set(TEN);
    scheduler.tick();
    assertThat(ScheduleFixtures.drain(jobs))
        .filteredOn(sent -> sent.scheduleId().equals("every-5"))
        .extracting(Sent::tick)
        .containsExactly(TEN);
  }

  @Test
  void theListingShowsNextAndLastFireAndMisfires() {
    Scheduler scheduler = scheduler(ScheduleOverrides.NONE);
    scheduler.tick();
    clock.set(TEN.plusSeconds(10));
    scheduler.tick();
    clock.set(TEN.plus(Duration.ofMinutes(5)).plusSeconds(75));
    scheduler.tick();

    ScheduleStatus status = status(scheduler);

    assertThat(status.id()).isEqualTo("every-5");
    assertThat(status.actor()).isEqualTo("task");
    assertThat(status.lastFire()).isEqualTo(TEN);
    assertThat(status.nextFire()).isEqualTo(TEN.plus(Duration.ofMinutes(10)));
    assertThat(status.misfires()).isEqualTo(1);
    assertThat(status.paused()).isFalse();
    assertThat(status.enabled()).isTrue();
  }

  @Test
  void aConfigurationFileChangesTheCronAndDisablesASchedule() {
    Scheduler scheduler =
        scheduler(
            ScheduleOverrides.parse(
                """
                schedule.every-5.cron=*/10 * * * *
                schedule.hourly.enabled=false
                """));
    scheduler.tick();

    for (Instant at = TEN; !at.isAfter(TEN.plus(Duration.ofMinutes(60))); at = at.plusSeconds(30)) {
      clock.set(at);
      scheduler.tick();
    }

    assertThat(ScheduleFixtures.ticksBySchedule(ScheduleFixtures.drain(jobs)))
        .containsOnlyKeys("every-5")
        .containsEntry(
            "every-5",
            ScheduleFixtures.multiples(
                Duration.ofMinutes(10), TEN.minusSeconds(1), TEN.plus(Duration.ofMinutes(60))));
    assertThat(scheduler.list())
        .filteredOn(status -> status.id().equals("hourly"))
        .singleElement()
        .satisfies(
            status -> {
              assertThat(status.enabled()).isFalse();
              assertThat(status.nextFire()).isNull();
            });
  }

  @Test
  void aScheduleEnabledAgainAfterBeingDisabledReportsNoMisfiresForItsQuietTime() {
    InMemoryScheduleStateStore store = new InMemoryScheduleStateStore(clock);
    scheduler(store, ScheduleOverrides.NONE).tick();
    Scheduler disabling =
        scheduler(store, ScheduleOverrides.parse("schedule.every-5.enabled=false\n"));
    for (Instant at = TEN; at.isBefore(TEN.plus(Duration.ofHours(2))); at = at.plusSeconds(30)) {
      clock.set(at);
      disabling.tick();
    }
    disabling.close();

    clock.set(TEN.plus(Duration.ofHours(2)).plusSeconds(10));
    Scheduler enabled = scheduler(store, ScheduleOverrides.NONE);
    enabled.tick();

    assertThat(ScheduleFixtures.drain(jobs))
        .filteredOn(sent -> sent.scheduleId().equals("every-5"))
        .extracting(Sent::tick)
        .containsExactly(TEN.plus(Duration.ofHours(2)));
    assertThat(status(enabled).misfires()).isZero();
  }

  private Scheduler scheduler(ScheduleOverrides overrides) {
    return scheduler(new InMemoryScheduleStateStore(clock), overrides);
  }

  private Scheduler scheduler(ScheduleStateStore store, ScheduleOverrides overrides) {
    return Scheduler.builder(jobs)
        .store(store)
        .schedule(Schedule.builder("every-5").cron("*/5 * * * *").actor("task").build())
        .schedule(Schedule.builder("hourly").cron("0 * * * *").actor("task").build())
        .overrides(overrides)
        .build();
  }

  private static ScheduleStatus status(Scheduler scheduler) {
    return scheduler.list().getFirst();
  }
}
