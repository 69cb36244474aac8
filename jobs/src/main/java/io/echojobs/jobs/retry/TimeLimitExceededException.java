package io.echojobs.jobs.retry;

import io.echojobs.jobs.JobsException;
import java.time.Duration;

/** An attempt ran past its actor's time limit and was interrupted. Retried like any failure. */
public final class TimeLimitExceededException extends JobsException {

  public TimeLimitExceededException(String messageId, String actor, Duration limit) {
    super("message " + messageId + " of actor " + actor + " exceeded its time limit of " + limit);
  }
}
