package io.echojobs.jobs.middleware;

import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.message.Message;
import java.time.Instant;
import java.util.Optional;

/**
 * One attempt at running a message, as middleware sees it.
 *
 * @param message the decoded message
 * @param actor the actor that runs it; null when no actor of that name is declared here
 * @param redeliveries how many leases on it expired before this delivery
 * @param startedAt wall time the attempt started
 */
public record Attempt(Message message, Actor<?> actor, int redeliveries, Instant startedAt) {

  public Optional<Actor<?>> declaredActor() {
    return Optional.ofNullable(actor);
  }

  /** 1 for the first attempt, 2 for the first retry, ... */
  public int number() {
    return message.options().retries() + 1;
  }
}
