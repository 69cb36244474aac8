package io.echojobs.jobs.middleware;

import java.time.Clock;
import java.time.Duration;

/**
 * Dead-letters, unrun, a message older than its actor's max age (counted from its first enqueue,
 * retries included): work nobody waits for any more.
 */
public final class AgeLimit implements Middleware {

  public static final String RULE = "age-limit";

  private final Clock clock;

  public AgeLimit(Clock clock) {
    this.clock = clock;
  }

  @Override
  public void beforeProcess(Attempt attempt) {
    Duration maxAge = attempt.declaredActor().map(a -> a.options().maxAge()).orElse(null);
    if (maxAge == null) {
      return;
    }
    Duration age = Duration.between(attempt.message().enqueuedAt(), clock.instant());
    if (age.compareTo(maxAge) > 0) {
      throw new MessageRejectedException(
          RULE, "message is " + age + " old, past its actor's max age of " + maxAge);
    }
  }
}
