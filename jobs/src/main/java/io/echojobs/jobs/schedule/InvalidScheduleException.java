package io.echojobs.jobs.schedule;

import io.echojobs.jobs.JobsException;
import java.util.List;

/**
 * A schedule table that cannot run: an invalid cron expression, an unknown time zone or actor, an
 * override for a schedule that does not exist. Raised at start, never while ticking; each problem
 * names the schedule id and the reason, and all problems found are reported at once.
 */
public final class InvalidScheduleException extends JobsException {

  private final List<String> problems;

  public InvalidScheduleException(List<String> problems) {
    super("invalid schedules: " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
  }

  /** One line per problem, each starting with {@code schedule '<id>':}. */
  public List<String> problems() {
    return problems;
  }

  static String problem(String scheduleId, String reason) {
    return "schedule '" + scheduleId + "': " + reason;
  }
}
