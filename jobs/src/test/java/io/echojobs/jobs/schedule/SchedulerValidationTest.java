package io.echojobs.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.echojobs.jobs.Jobs;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input fails at start, naming the schedule and the reason. */
class SchedulerValidationTest {

  private final Jobs jobs = Jobs.builder().build();

  @AfterEach
  void closeJobs() {
    jobs.close();
  }

  @Test
  void anInvalidCronExpressionFailsWithTheScheduleIdAndTheReason() {
    assertThatThrownBy(() -> Schedule.builder("reports").cron("*/5 * * *").actor("task").build())
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageContaining("schedule 'reports'")
        .hasMessageContaining("invalid cron expression '*/5 * * *'");
  }

  @Test
  void anUnknownTimeZoneFailsWithTheScheduleIdAndTheZone() {
    assertThatThrownBy(
            () ->
                Schedule.builder("digest")
                    .cron("0 9 * * *")
                    .zone("Europe/Atlantis")
                    .actor("task")
                    .build())
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageContaining("schedule 'digest'")
        .hasMessageContaining("unknown time zone 'Europe/Atlantis'");
  }

  @Test
  void anUnknownActorFailsTheSchedulerWithEveryScheduleThatNamesOne() {
    ScheduleFixtures.declareActors(jobs, "task");

    assertThatThrownBy(
            () ->
                Scheduler.builder(jobs)
                    .schedule(Schedule.builder("ok").cron("* * * * *").actor("task").build())
                    .schedule(Schedule.builder("a").cron("* * * * *").actor("ghost").build())
                    .schedule(Schedule.builder("b").cron("* * * * *").actor("phantom").build())
                    .build())
        .isInstanceOfSatisfying(
            InvalidScheduleException.class,
            e ->
                assertThat(e.problems())
                    .containsExactly(
                        "schedule 'a': actor 'ghost' is not declared",
                        "schedule 'b': actor 'phantom' is not declared"));
  }

  @Test
  void aScheduleIdDeclaredTwiceFails() {
    ScheduleFixtures.declareActors(jobs, "task");
    Schedule once = Schedule.builder("twice").cron("* * * * *").actor("task").build();

    assertThatThrownBy(() -> Scheduler.builder(jobs).schedule(once).schedule(once).build())
        .hasMessageContaining("schedule 'twice': declared twice");
  }

  @Test
  void anOverrideForAnUnknownScheduleFailsNamingIt(@TempDir Path dir) throws Exception {
    ScheduleFixtures.declareActors(jobs, "task");
    Path file = dir.resolve("schedules.properties");
    Files.writeString(file, "schedule.gone.enabled=false\n");

    assertThatThrownBy(
            () ->
                Scheduler.builder(jobs)
                    .schedule(Schedule.builder("kept").cron("* * * * *").actor("task").build())
                    .overrides(file)
                    .build())
        .isInstanceOf(InvalidScheduleException.class)
        .hasMessageContaining("schedule 'gone': overridden but not declared");
  }

  @Test
  void anOverrideWithABadCronOrSettingFailsNamingTheKey() {
    ScheduleFixtures.declareActors(jobs, "task");
    ScheduleOverrides badCron = ScheduleOverrides.parse("schedule.kept.cron=every day\n");

    assertThatThrownBy(
            () ->
                Scheduler.builder(jobs)
                    .schedule(Schedule.builder("kept").cron("* * * * *").actor("task").build())
                    .overrides(badCron)
                    .build())
        .hasMessageContaining("schedule 'kept': invalid cron expression 'every day'");
    assertThatThrownBy(() -> ScheduleOverrides.parse("schedule.kept.crom=* * * * *\n"))
        .hasMessageContaining("override 'schedule.kept.crom'");
  }
}
