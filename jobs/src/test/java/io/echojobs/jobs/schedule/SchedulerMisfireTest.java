package io.echojobs.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.schedule.ScheduleFixtures.Sent;
import io.echojobs.jobs.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Misfire grace and coalescing, with APScheduler's meaning. */
class SchedulerMisfireTest {

  private static final Instant FIRST_SEEN = Instant.parse("2026-03-10T09:59:30Z");
  private static final Instant TEN = Instant.parse("2026-03-10T10:00:00Z");

  private final SettableClock clock = new SettableClock(FIRST_SEEN);
  private final Jobs jobs = Jobs.builder().clock(clock).build();
  private ScheduleLogCapture logs;

  @BeforeEach
  void setUp() {
    ScheduleFixtures.declareActors(jobs, "task");
    logs = new ScheduleLogCapture(ScheduleEvaluation.class);
  }

  @AfterEach
  void tearDown() {
    logs.close();
    jobs.close();
  }

  @Test
  void aTickNoticedLateButWithinGraceFires() {
    Scheduler scheduler = schedulerOf(Schedule.builder("five").cron("*/5 * * * *").actor("task"));
    scheduler.tick();

    clock.set(TEN.plusSeconds(59));
    scheduler.tick();

    assertThat(ticks()).containsExactly(TEN);
    assertThat(status(scheduler).misfires()).isZero();
    assertThat(status(scheduler).lastFire()).isEqualTo(TEN);
  }

  @Test
  void aTickNoticedLaterThanGraceIsSkippedCountedAndLoggedWithHowLate() {
    Scheduler scheduler = schedulerOf(Schedule.builder("five").cron("*/5 * * * *").actor("task"));
    scheduler.tick();

    clock.set(TEN.plusSeconds(90));
    scheduler.tick();

    assertThat(ticks()).isEmpty();
    assertThat(status(scheduler).misfires()).isEqualTo(1);
    assertThat(status(scheduler).nextFire()).isEqualTo(TEN.plus(Duration.ofMinutes(5)));
    assertThat(logs.lines(Level.WARN))
        .singleElement()
        .asString()
        .contains("schedule=five", "skipped=1", "late=PT1M30S", "grace=PT1M");
  }

  @Test
  void aTickExactlyAtTheGraceStillFires() {
    Scheduler scheduler = schedulerOf(Schedule.builder("five").cron("*/5 * * * *").actor("task"));
    scheduler.tick();

    clock.set(TEN.plusSeconds(60));
    scheduler.tick();

    assertThat(ticks()).containsExactly(TEN);
  }

  @Test
  void withCoalesceSeveralMissedTicksFireOnceAtTheLatest() {
    Scheduler scheduler = schedulerOf(Schedule.builder("minute").cron("* * * * *").actor("task"));
    scheduler.tick();

    clock.set(TEN.plus(Duration.ofMinutes(4)).plusSeconds(30));
    scheduler.tick();
    scheduler.tick();

    assertThat(ticks()).containsExactly(TEN.plus(Duration.ofMinutes(4)));
    assertThat(status(scheduler).misfires()).isZero();
    assertThat(logs.lines(Level.WARN)).isEmpty();
  }

  @Test
  void withCoalesceMissedTicksAllLaterThanGraceAreAllSkipped() {
    Scheduler scheduler =
        schedulerOf(
            Schedule.builder("minute")
                .cron("* * * * *")
                .actor("task")
                .misfireGrace(Duration.ofSeconds(30)));
    scheduler.tick();

    clock.set(TEN.plus(Duration.ofMinutes(4)).plusSeconds(40));
    scheduler.tick();

    assertThat(ticks()).isEmpty();
    assertThat(status(scheduler).misfires()).isEqualTo(5);
    assertThat(logs.lines(Level.WARN))
        .singleElement()
        .asString()
        .contains("skipped=5", "late=PT4M40S", "latestLate=PT40S", "grace=PT30S");
  }

  @Test
  void withoutCoalesceEachMissedTickWithinGraceFiresOnceAndOlderOnesAreSkipped() {
    Scheduler scheduler =
        schedulerOf(
            Schedule.builder("minute")
                .cron("* * * * *")
                .actor("task")
                .coalesce(false)
                .misfireGrace(Duration.ofMinutes(3)));
    scheduler.tick();

    clock.set(TEN.plus(Duration.ofMinutes(4)).plusSeconds(30));
    scheduler.tick();
    scheduler.tick();

    assertThat(ticks())
        .containsExactly(
            TEN.plus(Duration.ofMinutes(2)),
            TEN.plus(Duration.ofMinutes(3)),
            TEN.plus(Duration.ofMinutes(4)));
    assertThat(status(scheduler).misfires()).isEqualTo(2);
    assertThat(logs.lines(Level.WARN)).singleElement().asString().contains("skipped=2");
  }

  @Test
  void anIntervalAndAOneDateTriggerFollowTheSameRules() {
    Scheduler scheduler =
        schedulerOf(
            Schedule.builder("interval").every(Duration.ofSeconds(90), TEN).actor("task"),
            Schedule.builder("once").at(TEN.plusSeconds(45)).actor("task"));
    scheduler.tick();

    clock.set(TEN.plusSeconds(100));
    scheduler.tick();
    clock.set(TEN.plusSeconds(200));
    scheduler.tick();

    assertThat(ScheduleFixtures.ticksBySchedule(ScheduleFixtures.drain(jobs)))
        .containsEntry("interval", List.of(TEN.plusSeconds(90), TEN.plusSeconds(180)))
        .containsEntry("once", List.of(TEN.plusSeconds(45)));
  }

  private Scheduler schedulerOf(Schedule.Builder... builders) {
    Scheduler.Builder scheduler = Scheduler.builder(jobs);
    for (Schedule.Builder each : builders) {
      scheduler.schedule(each.build());
    }
    return scheduler.build();
  }

  private List<Instant> ticks() {
    return ScheduleFixtures.drain(jobs).stream().map(Sent::tick).toList();
  }

  private static ScheduleStatus status(Scheduler scheduler) {
    return scheduler.list().getFirst();
  }
}
