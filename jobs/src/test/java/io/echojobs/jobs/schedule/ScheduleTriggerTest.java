package io.echojobs.jobs.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** Each trigger kind answers "the first due instant strictly after". */
class ScheduleTriggerTest {

  private static final Instant TEN = Instant.parse("2026-03-10T10:00:00Z");

  @Test
  void aCronTickIsStrictlyAfterTheGivenInstant() {
    Trigger every5 = Trigger.cron("*/5 * * * *");

    assertThat(every5.nextAfter(TEN)).contains(TEN.plus(Duration.ofMinutes(5)));
    assertThat(every5.nextAfter(TEN.minusMillis(1))).contains(TEN);
  }

  @Test
  void aSixFieldCronReadsTheFirstFieldAsSeconds() {
    Trigger every15Seconds = Trigger.cron("*/15 * * * * *");

    assertThat(every15Seconds.nextAfter(TEN)).contains(TEN.plusSeconds(15));
  }

  @Test
  void aCronWithAZoneFiresAtThatZonesWallTimeAcrossDaylightSaving() {
    Trigger nineInAmsterdam = Trigger.cron("0 9 * * *", ZoneId.of("Europe/Amsterdam"));

    assertThat(nineInAmsterdam.nextAfter(Instant.parse("2026-03-10T00:00:00Z")))
        .contains(Instant.parse("2026-03-10T08:00:00Z"));
    assertThat(nineInAmsterdam.nextAfter(Instant.parse("2026-04-10T00:00:00Z")))
        .contains(Instant.parse("2026-04-10T07:00:00Z"));
  }

  @Test
  void aCronInUtcByDefault() {
    assertThat(Trigger.cron("0 9 * * *").nextAfter(TEN))
        .contains(Instant.parse("2026-03-11T09:00:00Z"));
  }

  @Test
  void anInvalidCronIsRefusedWithTheParsersReason() {
    assertThatThrownBy(() -> Trigger.cron("61 * * * *"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("invalid cron expression '61 * * * *'");
  }

  @Test
  void anIntervalCountsFromItsStart() {
    Trigger interval = Trigger.every(Duration.ofSeconds(90), TEN);

    assertThat(interval.nextAfter(TEN.minusSeconds(100))).contains(TEN);
    assertThat(interval.nextAfter(TEN)).contains(TEN.plusSeconds(90));
    assertThat(interval.nextAfter(TEN.plusSeconds(91))).contains(TEN.plusSeconds(180));
  }

  @Test
  void aOneDateIsDueOnceThenNever() {
    Trigger once = Trigger.at(TEN);

    assertThat(once.nextAfter(TEN.minusSeconds(1))).contains(TEN);
    assertThat(once.nextAfter(TEN)).isEmpty();
  }
}
