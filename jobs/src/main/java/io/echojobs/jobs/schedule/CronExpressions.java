package io.echojobs.jobs.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinition;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parses cron expressions with cron-utils: five fields (minute hour day-of-month month day-of-week,
 * as in crontab), or six with a leading seconds field. Parsed expressions are kept, because a
 * scheduler asks for the next instant of the same few expressions every second.
 */
final class CronExpressions {

  private static final int FIELDS_WITH_SECONDS = 6;

  private static final CronParser CRONTAB =
      new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
  private static final CronParser WITH_SECONDS = new CronParser(withSeconds());
  private static final Map<String, ExecutionTime> PARSED = new ConcurrentHashMap<>();

  private CronExpressions() {}

  /**
   * The execution times of {@code expression}.
   *
   * @throws IllegalArgumentException with the parser's reason when the expression is invalid
   */
  static ExecutionTime parse(String expression) {
    return PARSED.computeIfAbsent(expression, CronExpressions::parseUncached);
  }

  private static ExecutionTime parseUncached(String expression) {
    String trimmed = expression.trim();
    CronParser parser =
        trimmed.split("\\s+").length == FIELDS_WITH_SECONDS ? WITH_SECONDS : CRONTAB;
    try {
      return ExecutionTime.forCron(parser.parse(trimmed).validate());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "invalid cron expression '" + expression + "': " + e.getMessage(), e);
    }
  }

  /** The crontab definition with a seconds field in front, as Spring and Quartz order it. */
  private static CronDefinition withSeconds() {
    return CronDefinitionBuilder.defineCron()
        .withSeconds()
        .withValidRange(0, 59)
        .withStrictRange()
        .and()
        .withMinutes()
        .withValidRange(0, 59)
        .withStrictRange()
        .and()
        .withHours()
        .withValidRange(0, 23)
        .withStrictRange()
        .and()
        .withDayOfMonth()
        .withValidRange(1, 31)
        .withStrictRange()
        .and()
        .withMonth()
        .withValidRange(1, 12)
        .withStrictRange()
        .and()
        .withDayOfWeek()
        .withValidRange(0, 7)
        .withMondayDoWValue(1)
        .withIntMapping(7, 0)
        .withStrictRange()
        .and()
        .instance();
  }
}
