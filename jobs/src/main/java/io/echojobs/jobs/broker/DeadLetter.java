package io.echojobs.jobs.broker;

import java.time.Instant;

/**
 * A message that will not run again unless replayed.
 *
 * @param envelope the message as it was when it died (its last body)
 * @param reason why it died: the last error, or the rule that rejected it
 * @param diedAt when it was moved to dead letters (the broker's clock)
 */
public record DeadLetter(Envelope envelope, String reason, Instant diedAt) {

  public String messageId() {
    return envelope.messageId();
  }
}
