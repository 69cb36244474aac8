package io.echojobs.jobs.schedule;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.broker.Delivery;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Shared pieces of the scheduler tests: actors to schedule, and reading what got sent. */
final class ScheduleFixtures {

  static final String QUEUE = "scheduled";

  /** The arguments of the catch-up actors: none. */
  record NoArguments() {}

  private ScheduleFixtures() {}

  /** Declares actors named {@code names} on {@link #QUEUE}, doing nothing. */
  static void declareActors(Jobs jobs, String... names) {
    for (String name : names) {
      jobs.declare(
          ActorOptions.builder(name).queue(QUEUE).build(), NoArguments.class, arguments -> {});
    }
  }

  /**
   * What a scheduler sent, read from the broker without decoding the body.
   *
   * @param uniqueKey the message's unique key, {@code schedule:<id>:<tick millis>}
   * @param sentBy the clock's instant when the test drained it, which is when it was sent
   */
  record Sent(String uniqueKey, Instant sentBy) {

    String scheduleId() {
      return uniqueKey.split(":")[1];
    }

    Instant tick() {
      String[] parts = uniqueKey.split(":");
      return Instant.ofEpochMilli(Long.parseLong(parts[parts.length - 1]));
    }
  }

  /**
   * Takes every ready message of {@link #QUEUE} and acks it, so a second send of the same tick
   * would be stored again and show up as a double.
   */
  static List<Sent> drain(Jobs jobs) {
    List<Sent> sent = new ArrayList<>();
    Instant now = jobs.clock().instant();
    try {
      List<Delivery> batch;
      do {
        batch = jobs.broker().fetch(QUEUE, 500, Duration.ofHours(1), Duration.ZERO);
        for (Delivery delivery : batch) {
          sent.add(new Sent(delivery.envelope().uniqueKey(), now));
          jobs.broker().ack(delivery);
        }
      } while (!batch.isEmpty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return sent;
  }

  /** The ticks sent, oldest first as sent, grouped by schedule id. */
  static Map<String, List<Instant>> ticksBySchedule(List<Sent> sent) {
    return sent.stream()
        .collect(
            Collectors.groupingBy(
                Sent::scheduleId,
                TreeMap::new,
                Collectors.mapping(Sent::tick, Collectors.toList())));
  }

  /**
   * Every instant in {@code (after, until]} that is a whole multiple of {@code step} since epoch.
   */
  static List<Instant> multiples(Duration step, Instant after, Instant until) {
    List<Instant> ticks = new ArrayList<>();
    long stepMillis = step.toMillis();
    long first = Math.floorDiv(after.toEpochMilli(), stepMillis) * stepMillis + stepMillis;
    for (long t = first; t <= until.toEpochMilli(); t += stepMillis) {
      ticks.add(Instant.ofEpochMilli(t));
    }
    return ticks;
  }
}
