package io.echojobs.jobs.schedule;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Changes to the schedule table declared in code, read from a properties file so operators can
 * retime or switch off a schedule without a build. One line per change:
 *
 * <pre>
 * schedule.&lt;id&gt;.cron=*&#47;10 * * * *      # replaces the trigger with this cron expression
 * schedule.&lt;id&gt;.zone=Europe/Amsterdam  # the cron's time zone (UTC by default)
 * schedule.&lt;id&gt;.enabled=false          # listed, never fires
 * schedule.&lt;id&gt;.coalesce=false
 * schedule.&lt;id&gt;.misfire-grace=PT2M     # ISO-8601 duration
 * </pre>
 *
 * <p>Every line must name a schedule of the table and one of these settings; anything else fails
 * the start with the line's key, so a typo never leaves a schedule silently unchanged.
 */
public final class ScheduleOverrides {

  /** Nothing to change. */
  public static final ScheduleOverrides NONE = new ScheduleOverrides(Map.of());

  private static final Pattern KEY = Pattern.compile("schedule\\.([A-Za-z0-9_.-]+)\\.([a-z-]+)");
  private static final List<String> SETTINGS =
      List.of("cron", "zone", "enabled", "coalesce", "misfire-grace");

  // schedule id -> setting -> value, as read.
  private final Map<String, Map<String, String>> changes;

  private ScheduleOverrides(Map<String, Map<String, String>> changes) {
    this.changes = changes;
  }

  /**
   * Reads a properties file.
   *
   * @throws InvalidScheduleException naming each key that is not {@code schedule.<id>.<setting>}
   * @throws UncheckedIOException if the file cannot be read
   */
  public static ScheduleOverrides load(Path file) {
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(reader);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read schedule overrides " + file, e);
    }
  }

  /** Reads overrides from properties text, as {@link #load} does from a file. */
  public static ScheduleOverrides parse(String propertiesText) {
    try {
      return read(new StringReader(propertiesText));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ScheduleOverrides read(Reader reader) throws IOException {
    Properties properties = new Properties();
    properties.load(reader);
    Map<String, Map<String, String>> changes = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (String key : new TreeSet<>(properties.stringPropertyNames())) {
      Matcher matcher = KEY.matcher(key);
      if (!matcher.matches() || !SETTINGS.contains(matcher.group(2))) {
        problems.add(
            "override '" + key + "': expected schedule.<id>.<setting>, setting one of " + SETTINGS);
        continue;
      }
      changes
          .computeIfAbsent(matcher.group(1), id -> new TreeMap<>())
          .put(matcher.group(2), properties.getProperty(key).trim());
    }
    if (!problems.isEmpty()) {
      throw new InvalidScheduleException(problems);
    }
    return new ScheduleOverrides(changes);
  }

  /**
   * The table with the overrides applied, in the same order.
   *
   * @throws InvalidScheduleException listing every unknown schedule id and every bad value
   */
  public List<Schedule> applyTo(List<Schedule> table) {
    List<String> problems = new ArrayList<>();
    Set<String> known = new HashSet<>();
    List<Schedule> result = new ArrayList<>();
    for (Schedule schedule : table) {
      known.add(schedule.id());
      try {
        result.add(apply(schedule, changes.getOrDefault(schedule.id(), Map.of())));
      } catch (InvalidScheduleException e) {
        problems.addAll(e.problems());
      }
    }
    for (String id : changes.keySet()) {
      if (!known.contains(id)) {
        problems.add(InvalidScheduleException.problem(id, "overridden but not declared"));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidScheduleException(problems);
    }
    return List.copyOf(result);
  }

  private static Schedule apply(Schedule schedule, Map<String, String> settings) {
    String id = schedule.id();
    Schedule changed = schedule;
    String cron = settings.get("cron");
    String zone = settings.get("zone");
    if (cron != null || zone != null) {
      changed = changed.withTrigger(retimed(schedule, cron, zone));
    }
    if (settings.containsKey("enabled")) {
      changed = changed.withEnabled(bool(id, "enabled", settings.get("enabled")));
    }
    if (settings.containsKey("coalesce")) {
      changed = changed.withCoalesce(bool(id, "coalesce", settings.get("coalesce")));
    }
    if (settings.containsKey("misfire-grace")) {
      changed = changed.withMisfireGrace(duration(id, settings.get("misfire-grace")));
    }
    return changed;
  }

  private static Trigger retimed(Schedule schedule, String cron, String zone) {
    String expression = cron;
    if (expression == null) {
      if (!(schedule.trigger() instanceof Trigger.Cron existing)) {
        throw invalid(schedule.id(), "zone overridden but the trigger is not a cron");
      }
      expression = existing.expression();
    }
    String zoneName = zone;
    if (zoneName == null && schedule.trigger() instanceof Trigger.Cron existing) {
      zoneName = existing.zone().getId();
    }
    return Schedule.cronTrigger(schedule.id(), expression, zoneName);
  }

  private static boolean bool(String id, String setting, String value) {
    return switch (value) {
      case "true" -> true;
      case "false" -> false;
      default -> throw invalid(id, setting + "='" + value + "' must be true or false");
    };
  }

  private static Duration duration(String id, String value) {
    try {
      Duration grace = Duration.parse(value);
      if (grace.isNegative()) {
        throw invalid(id, "misfire-grace='" + value + "' must not be negative");
      }
      return grace;
    } catch (DateTimeParseException e) {
      throw invalid(id, "misfire-grace='" + value + "' must be an ISO-8601 duration like PT90S");
    }
  }

  private static InvalidScheduleException invalid(String id, String reason) {
    return new InvalidScheduleException(List.of(InvalidScheduleException.problem(id, reason)));
  }
}
