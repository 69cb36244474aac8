package io.echojobs.jobs.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * When a schedule is due: the closed set of trigger kinds. Every trigger answers one question, the
 * first due instant strictly after a given one, so a scheduler can list every tick it missed by
 * asking again from each answer.
 */
public sealed interface Trigger permits Trigger.Cron, Trigger.Interval, Trigger.OneDate {

  /** The first due instant strictly after {@code after}; empty when there is none any more. */
  Optional<Instant> nextAfter(Instant after);

  /**
   * A cron trigger in UTC. Throws {@link IllegalArgumentException} on a bad expression; {@link
   * Schedule.Builder#cron} reports the same with the schedule's id, so prefer it in a table.
   */
  static Cron cron(String expression) {
    return new Cron(expression, ZoneOffset.UTC);
  }

  static Cron cron(String expression, ZoneId zone) {
    return new Cron(expression, zone);
  }

  /** Due every {@code period}, counted from {@code start}. */
  static Interval every(Duration period, Instant start) {
    return new Interval(period, start);
  }

  static OneDate at(Instant instant) {
    return new OneDate(instant);
  }

  /**
   * A cron expression: five fields, or six with leading seconds, read in {@code zone}.
   *
   * @throws IllegalArgumentException at construction when the expression does not parse
   */
  record Cron(String expression, ZoneId zone) implements Trigger {

    public Cron {
      Objects.requireNonNull(expression, "expression");
      Objects.requireNonNull(zone, "zone");
      CronExpressions.parse(expression);
    }

    @Override
    public Optional<Instant> nextAfter(Instant after) {
      ZonedDateTime from = ZonedDateTime.ofInstant(after, zone);
      return CronExpressions.parse(expression).nextExecution(from).map(ZonedDateTime::toInstant);
    }
  }

  /**
   * Due at {@code start} and then every {@code period}. Both are cut to whole milliseconds, the
   * precision in which a schedule's state is stored.
   *
   * @throws IllegalArgumentException when the period is not positive
   */
  record Interval(Duration period, Instant start) implements Trigger {

    public Interval {
      Objects.requireNonNull(period, "period");
      Objects.requireNonNull(start, "start");
      period = period.truncatedTo(ChronoUnit.MILLIS);
      start = start.truncatedTo(ChronoUnit.MILLIS);
      if (period.isZero() || period.isNegative()) {
        throw new IllegalArgumentException("interval must be positive, was " + period);
      }
    }

    @Override
    public Optional<Instant> nextAfter(Instant after) {
      if (after.isBefore(start)) {
        return Optional.of(start);
      }
      long periodNanos = period.toNanos();
      long elapsedNanos = Duration.between(start, after).toNanos();
      long periodsDone = elapsedNanos / periodNanos + 1;
      return Optional.of(start.plusNanos(periodsDone * periodNanos));
    }
  }

  /** Due once, at {@code instant} cut to whole milliseconds. */
  record OneDate(Instant instant) implements Trigger {

    public OneDate {
      Objects.requireNonNull(instant, "instant");
      instant = instant.truncatedTo(ChronoUnit.MILLIS);
    }

    @Override
    public Optional<Instant> nextAfter(Instant after) {
      return after.isBefore(instant) ? Optional.of(instant) : Optional.empty();
    }
  }
}
