package io.echojobs.jobs.middleware;

import io.echojobs.jobs.JobsException;
import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.message.Message;

/**
 * Sends the messages that follow another one (callbacks, pipeline steps, group callbacks). Each
 * is sent with a unique key derived from what caused it, so that when the cause runs again
 * after a crash, the second send is a no-op while the first is still pending.
 */
final class FollowUps {

  private final Jobs jobs;

  FollowUps(Jobs jobs) {
    this.jobs = jobs;
  }

  void send(String actorName, Object arguments, String uniqueKey) {
    Actor<?> actor =
        jobs.registry()
            .find(actorName)
            .orElseThrow(
                () ->
                    new JobsException(
                        "follow-up actor '" + actorName + "' is not declared in this process"));
    Message message = jobs.newMessage(actor.options(), arguments);
    jobs.send(message.withOptions(message.options().withUniqueKey(uniqueKey)));
  }

  void send(Message message, String uniqueKey) {
    Message keyed =
        message.options().uniqueKey() == null
            ? message.withOptions(message.options().withUniqueKey(uniqueKey))
            : message;
    jobs.send(keyed);
  }
}
