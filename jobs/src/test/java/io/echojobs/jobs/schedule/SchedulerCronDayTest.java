package io.echojobs.jobs.schedule;

import static io.echojobs.jobs.schedule.ScheduleFixtures.multiples;
import static org.assertj.core.api.Assertions.assertThat;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.testing.SettableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every cron form of the original schedule (spec 8.1), over one simulated day. */
class SchedulerCronDayTest {

  private static final Instant START = Instant.parse("2026-03-09T23:59:30Z");
  private static final Instant END = Instant.parse("2026-03-11T00:00:00Z");
  private static final Duration STEP = Duration.ofSeconds(10);

  private final SettableClock clock = new SettableClock(START);
  private final Jobs jobs = Jobs.builder().clock(clock).build();

  @AfterEach
  void closeJobs() {
    jobs.close();
  }

  @Test
  void everyCronFormOfTheOriginalFiresOnceAtEachOfItsInstantsOverADay() {
    ScheduleFixtures.declareActors(jobs, "task");
    Scheduler scheduler =
        Scheduler.builder(jobs)
            .schedule(cron("every-minute", "* * * * *"))
            .schedule(cron("every-2", "*/2 * * * *"))
            .schedule(cron("every-3", "*/3 * * * *"))
            .schedule(cron("every-5", "*/5 * * * *"))
            .schedule(cron("every-15", "*/15 * * * *"))
            .schedule(cron("hourly", "0 * * * *"))
            .schedule(cron("daily-9", "0 9 * * *"))
            .build();

    List<ScheduleFixtures.Sent> sent = new ArrayList<>();
    while (clock.instant().isBefore(END)) {
      scheduler.tick();
      sent.addAll(ScheduleFixtures.drain(jobs));
      clock.advance(STEP);
    }
    scheduler.tick();
    sent.addAll(ScheduleFixtures.drain(jobs));

    Map<String, List<Instant>> ticks = ScheduleFixtures.ticksBySchedule(sent);
    assertThat(ticks.get("every-minute")).isEqualTo(multiples(Duration.ofMinutes(1), START, END));
    assertThat(ticks.get("every-2")).isEqualTo(multiples(Duration.ofMinutes(2), START, END));
    assertThat(ticks.get("every-3")).isEqualTo(multiples(Duration.ofMinutes(3), START, END));
    assertThat(ticks.get("every-5")).isEqualTo(multiples(Duration.ofMinutes(5), START, END));
    assertThat(ticks.get("every-15")).isEqualTo(multiples(Duration.ofMinutes(15), START, END));
    assertThat(ticks.get("hourly")).hasSize(25);
    assertThat(ticks.get("hourly")).isEqualTo(multiples(Duration.ofHours(1), START, END));
    assertThat(ticks.get("daily-9")).containsExactly(Instant.parse("2026-03-10T09:00:00Z"));
    assertThat(sent)
        .allSatisfy(
            each -> assertThat(each.sentBy()).isBetween(each.tick(), each.tick().plus(STEP)));
  }

  private static Schedule cron(String id, String expression) {
    return Schedule.builder(id).cron(expression).actor("task").build();
  }
}
