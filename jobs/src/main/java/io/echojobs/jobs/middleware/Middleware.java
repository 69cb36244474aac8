package io.echojobs.jobs.middleware;

import io.echojobs.jobs.broker.EnqueueReceipt;
import io.echojobs.jobs.message.Message;

/**
 * Hooks around sending and processing a message. Every hook has a default that does nothing.
 *
 * <p>Processing hooks run on the thread that runs the actor, before and after it; {@link
 * #afterProcess} runs before the message is acknowledged, so follow-up messages it sends
 * (callbacks, pipeline steps, group callbacks) are sent at least once: if the process dies in
 * between, the message is delivered again and the hook runs again.
 */
public interface Middleware {

  /** May replace the message about to be sent (add options); returns the message to send. */
  default Message beforeEnqueue(Message message) {
    return message;
  }

  default void afterEnqueue(Message message, EnqueueReceipt receipt) {}

  /**
   * Runs before the actor. Throwing {@link MessageRejectedException} dead-letters the message
   * without running it.
   */
  default void beforeProcess(Attempt attempt) {}

  /** Runs after the actor, in reverse order of registration, with how the attempt ended. */
  default void afterProcess(Attempt attempt, Outcome outcome) {}
}
