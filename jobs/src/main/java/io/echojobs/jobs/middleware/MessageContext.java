package io.echojobs.jobs.middleware;

import org.slf4j.MDC;

/**
 * Puts the current message's ids in the logging context (MDC) while it runs, so every line an
 * actor logs carries them: message_id, actor, queue, attempt.
 */
public final class MessageContext implements Middleware {

  public static final String MESSAGE_ID = "message_id";
  public static final String ACTOR = "actor";
  public static final String QUEUE = "queue";
  public static final String ATTEMPT = "attempt";

  @Override
  public void beforeProcess(Attempt attempt) {
    MDC.put(MESSAGE_ID, attempt.message().id());
    MDC.put(ACTOR, attempt.message().actor());
    MDC.put(QUEUE, attempt.message().queue());
    MDC.put(ATTEMPT, Integer.toString(attempt.number()));
  }

  @Override
  public void afterProcess(Attempt attempt, Outcome outcome) {
    MDC.remove(MESSAGE_ID);
    MDC.remove(ACTOR);
    MDC.remove(QUEUE);
    MDC.remove(ATTEMPT);
  }
}
