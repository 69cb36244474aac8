package io.echojobs.jobs.retry;

import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.middleware.Outcome;
import java.time.Instant;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Where retry is decided: a failure is retried unless its type is declared never worth a retry
 * ({@link ActorOptions#noRetryFor}, or an {@link UnrecoverableFailure}) or the retries are used
 * up; then the message goes to dead letters with the reason.
 */
public final class RetryDecision {

  private RetryDecision() {}

  public static Outcome after(
      Throwable failure, int retriesSoFar, ActorOptions actor, Instant now) {
    String errorType = failure.getClass().getName();
    String text = describe(failure);
    if (failure instanceof UnrecoverableFailure || actor.isNeverRetried(failure)) {
      return new Outcome.Failed(
          "unrecoverable " + errorType + " (never retried): " + text, errorType, failure);
    }
    if (retriesSoFar >= actor.maxRetries()) {
      return new Outcome.Failed(
          "gave up after " + (retriesSoFar + 1) + " attempts: " + errorType + ": " + text,
          errorType,
          failure);
    }
    var delay =
        Backoff.delay(
            retriesSoFar,
            actor.minBackoff(),
            actor.maxBackoff(),
            ThreadLocalRandom.current()::nextDouble);
    return new Outcome.WillRetry(failure, now.plus(delay));
  }

  public static String describe(Throwable failure) {
    String text = failure.getMessage();
    return text == null || text.isBlank() ? failure.getClass().getSimpleName() : text;
  }
}
