package io.echojobs.jobs.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import io.echojobs.jobs.message.Json;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One row of the schedule table: on each due tick of {@code trigger}, send a message to {@code
 * actor} with {@code arguments}. The id is stable across deploys, because the state kept for a
 * schedule (its last fire, whether it is paused) is stored under it.
 *
 * @param id stable, unique within a table; letters, digits, '-', '_' and '.'
 * @param trigger when it is due
 * @param actor the name of a declared actor
 * @param arguments the message's arguments, a JSON object
 * @param misfireGrace how late a tick may still fire; later ticks are skipped and counted
 * @param coalesce whether several ticks missed together fire once
 * @param enabled a disabled schedule is listed but never fires
 */
public record Schedule(
    String id,
    Trigger trigger,
    String actor,
    JsonNode arguments,
    Duration misfireGrace,
    boolean coalesce,
    boolean enabled) {

  /** A tick noticed up to this late still fires (APScheduler's {@code misfire_grace_time}). */
  public static final Duration DEFAULT_MISFIRE_GRACE = Duration.ofSeconds(60);

  /** Several missed ticks fire once (APScheduler's {@code coalesce}). */
  public static final boolean DEFAULT_COALESCE = true;

  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_.-]+");

  public Schedule {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(misfireGrace, "misfireGrace");
    if (!ID.matcher(id).matches()) {
      throw new InvalidScheduleException(
          List.of(InvalidScheduleException.problem(id, "id must match " + ID.pattern())));
    }
    if (!arguments.isObject()) {
      throw new InvalidScheduleException(
          List.of(InvalidScheduleException.problem(id, "arguments must be a JSON object")));
    }
    if (misfireGrace.isNegative()) {
      throw new InvalidScheduleException(
          List.of(InvalidScheduleException.problem(id, "misfire grace must not be negative")));
    }
    // JSON nodes are mutable; the table must not change behind the scheduler's back.
    arguments = arguments.deepCopy();
  }

  public static Builder builder(String id) {
    return new Builder(id);
  }

  public Schedule withTrigger(Trigger newTrigger) {
    return new Schedule(id, newTrigger, actor, arguments, misfireGrace, coalesce, enabled);
  }

  public Schedule withMisfireGrace(Duration grace) {
    return new Schedule(id, trigger, actor, arguments, grace, coalesce, enabled);
  }

  public Schedule withCoalesce(boolean newCoalesce) {
    return new Schedule(id, trigger, actor, arguments, misfireGrace, newCoalesce, enabled);
  }

  public Schedule withEnabled(boolean newEnabled) {
    return new Schedule(id, trigger, actor, arguments, misfireGrace, coalesce, newEnabled);
  }

  /**
   * Builds a {@link Schedule}; a trigger and an actor are required. Cron expressions and zone names
   * are checked in {@link #build()}, which names this schedule in the error.
   */
  public static final class Builder {
    private final String id;
    private String cronExpression;
    private String zoneName;
    private Trigger trigger;
    private String actor;
    private JsonNode arguments = Json.mapper().createObjectNode();
    private Duration misfireGrace = DEFAULT_MISFIRE_GRACE;
    private boolean coalesce = DEFAULT_COALESCE;
    private boolean enabled = true;

    private Builder(String id) {
      this.id = Objects.requireNonNull(id, "id");
    }

    /** A cron trigger; read in UTC unless {@link #zone(String)} says otherwise. */
    public Builder cron(String expression) {
      this.cronExpression = Objects.requireNonNull(expression, "expression");
      this.trigger = null;
      return this;
    }

    /** The time zone of the cron expression, as an IANA name such as {@code Europe/Paris}. */
    public Builder zone(String zone) {
      this.zoneName = Objects.requireNonNull(zone, "zone");
      return this;
    }

    public Builder every(Duration period, Instant start) {
      return trigger(Trigger.every(period, start));
    }

    public Builder at(Instant instant) {
      return trigger(Trigger.at(instant));
    }

    public Builder trigger(Trigger value) {
      this.trigger = Objects.requireNonNull(value, "trigger");
      this.cronExpression = null;
      return this;
    }

    public Builder actor(String name) {
      this.actor = Objects.requireNonNull(name, "actor");
      return this;
    }

    /** The message's arguments, converted to a JSON object; an empty object by default. */
    public Builder arguments(Object value) {
      this.arguments = Json.mapper().valueToTree(Objects.requireNonNull(value, "arguments"));
      return this;
    }

    /** Defaults to {@link Schedule#DEFAULT_MISFIRE_GRACE}. */
    public Builder misfireGrace(Duration grace) {
      this.misfireGrace = Objects.requireNonNull(grace, "misfireGrace");
      return this;
    }

    /** Defaults to {@link Schedule#DEFAULT_COALESCE}. */
    public Builder coalesce(boolean value) {
      this.coalesce = value;
      return this;
    }

    public Builder enabled(boolean value) {
      this.enabled = value;
      return this;
    }

    /**
     * @throws InvalidScheduleException naming this schedule when the cron expression, the time zone
     *     or a required part is missing or invalid
     */
    public Schedule build() {
      if (actor == null) {
        throw invalid("no actor given");
      }
      return new Schedule(id, resolveTrigger(), actor, arguments, misfireGrace, coalesce, enabled);
    }

    private Trigger resolveTrigger() {
      if (cronExpression != null) {
        return cronTrigger(id, cronExpression, zoneName);
      }
      if (trigger == null) {
        throw invalid("no trigger given");
      }
      return trigger;
    }

    private InvalidScheduleException invalid(String reason) {
      return new InvalidScheduleException(List.of(InvalidScheduleException.problem(id, reason)));
    }
  }

  /** A cron trigger from text, failing with the schedule id and the reason. */
  static Trigger.Cron cronTrigger(String id, String expression, String zoneName) {
    ZoneId zone;
    try {
      zone = zoneName == null ? ZoneOffset.UTC : ZoneId.of(zoneName);
    } catch (DateTimeException e) {
      throw new InvalidScheduleException(
          List.of(InvalidScheduleException.problem(id, "unknown time zone '" + zoneName + "'")));
    }
    try {
      return Trigger.cron(expression, zone);
    } catch (IllegalArgumentException e) {
      throw new InvalidScheduleException(
          List.of(InvalidScheduleException.problem(id, e.getMessage())));
    }
  }
}
