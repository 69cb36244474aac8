package io.echojobs.jobs.middleware;

import java.time.Instant;

/** How one attempt at a message ended. Closed: a new case must be handled everywhere. */
public sealed interface Outcome {

  /** The actor returned; {@code result} may be null. */
  record Succeeded(Object result) implements Outcome {}

  /** The attempt failed and the message will run again at {@code retryAt}. */
  record WillRetry(Throwable error, Instant retryAt) implements Outcome {}

  /**
   * The message failed for good and goes to dead letters.
   *
   * @param reason the text stored with the dead letter
   * @param errorType the failure's class name, or the rule that rejected it
   * @param error the failure, null when a rule rejected the message before it ran
   */
  record Failed(String reason, String errorType, Throwable error) implements Outcome {}
}
