package io.echojobs.jobs.schedule;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.message.Message;
import java.time.Instant;

/**
 * Turns a fired tick into a message and sends it. The message carries the unique key {@code
 * schedule:<id>:<tick epoch millis>}, so sending the same tick again while the first message is
 * pending stores nothing: that is what makes repairing an unconfirmed claim safe.
 */
final class TickSender {

  private final Jobs jobs;

  TickSender(Jobs jobs) {
    this.jobs = jobs;
  }

  /** Sends the message of {@code tick}; returns the id now pending for it. */
  String send(Schedule schedule, Instant tick) {
    return send(schedule, tickKey(schedule.id(), tick));
  }

  /** Sends a message outside the schedule's ticks, for "run now". */
  String sendNow(Schedule schedule, Instant requestedAt) {
    return send(schedule, "schedule:" + schedule.id() + ":now:" + requestedAt.toEpochMilli());
  }

  static String tickKey(String scheduleId, Instant tick) {
    return "schedule:" + scheduleId + ":" + tick.toEpochMilli();
  }

  private String send(Schedule schedule, String uniqueKey) {
    ActorOptions actor =
        jobs.registry()
            .find(schedule.actor())
            .orElseThrow(() -> new IllegalStateException("actor vanished: " + schedule.actor()))
            .options();
    Message message = jobs.newMessage(actor, schedule.arguments());
    return jobs.send(message.withOptions(message.options().withUniqueKey(uniqueKey)));
  }
}
