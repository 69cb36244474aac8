package io.echojobs.jobs.worker;

import io.echojobs.jobs.broker.Envelope;
import io.echojobs.jobs.middleware.Outcome;

/** What the broker must do with a message after an attempt. */
public sealed interface Settlement {

  Outcome outcome();

  /** Done: remove it. */
  record Ack(Outcome outcome) implements Settlement {}

  /** Run it again later: store {@code retry} (new body, eta). */
  record Retry(Envelope retry, Outcome outcome) implements Settlement {}

  /** Failed for good: move it to dead letters with {@code reason}. */
  record DeadLetter(byte[] body, String reason, Outcome outcome) implements Settlement {}
}
