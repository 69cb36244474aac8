package io.echojobs.jobs.retry;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential backoff with jitter: before retry number n (0-based) the base delay is
 * {@code min * 2^n}, capped at {@code max}; the delay actually used is drawn uniformly from the
 * upper half of it, [base/2, base], so that retries of messages that failed together spread out
 * instead of returning together.
 */
public final class Backoff {

  private Backoff() {}

  /**
   * @param retriesSoFar failed attempts before this one (0 for the first retry)
   * @param random a source of uniform numbers in [0, 1)
   */
  public static Duration delay(
      int retriesSoFar, Duration min, Duration max, DoubleSupplier random) {
    long minMillis = min.toMillis();
    long maxMillis = max.toMillis();
    int doublings = Math.min(Math.max(retriesSoFar, 0), 62);
    long base =
        doublings >= Long.numberOfLeadingZeros(minMillis) - 1
            ? maxMillis
            : Math.min(maxMillis, minMillis << doublings);
    long half = base / 2;
    return Duration.ofMillis(half + (long) (random.getAsDouble() * (base - half)));
  }
}
