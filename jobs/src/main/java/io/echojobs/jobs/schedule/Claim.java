package io.echojobs.jobs.schedule;

import java.time.Instant;
import java.util.Objects;

/**
 * One compare-and-set step on a schedule's cursor: if the cursor still equals {@code
 * expectedCursor}, move it to {@code newCursor}, record {@code fire} (if any) as the last fire and
 * as pending, and add {@code skipped} to the misfire count. Whoever wins the step owns the ticks it
 * covers; every other scheduler's step with the same expectation fails.
 *
 * @param expectedCursor the cursor as read; null means "the schedule has no state yet"
 * @param newCursor the new cursor, after {@code expectedCursor}
 * @param fire the tick to enqueue, or null when the step only skips or passes ticks
 * @param skipped ticks skipped as misfires by this step
 * @param claimedAt when the step was taken (the scheduler's clock), kept with a pending fire
 */
public record Claim(
    Instant expectedCursor, Instant newCursor, Instant fire, long skipped, Instant claimedAt) {

  public Claim {
    Objects.requireNonNull(newCursor, "newCursor");
    Objects.requireNonNull(claimedAt, "claimedAt");
    if (skipped < 0) {
      throw new IllegalArgumentException("skipped must not be negative, was " + skipped);
    }
  }
}
