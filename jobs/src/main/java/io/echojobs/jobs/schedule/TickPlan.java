package io.echojobs.jobs.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides what one pass does with the ticks a schedule has due: which fire, which coalesce and
 * which are skipped as misfires. Pure: it reads no clock and touches no store, so the misfire rules
 * are tested on their own.
 *
 * <p>The rules are APScheduler's. A tick is late when it is noticed more than the misfire grace
 * after its instant; a late tick never fires. With coalesce on, all due ticks collapse into one
 * fire of the latest, if the latest is not late; otherwise they are all skipped. With coalesce off,
 * every due tick that is not late fires once, in order.
 */
final class TickPlan {

  /** Bounds the ticks read in one pass; the rest are read on the next pass. */
  static final int MAX_TICKS_PER_PASS = 10_000;

  private TickPlan() {}

  /**
   * One compare-and-set step of a plan: move the cursor to {@code newCursor}, firing {@code fire}
   * if not null, after skipping {@code skipped} late ticks.
   *
   * @param newCursor every tick at or before it is dealt with once the step is claimed
   * @param fire the tick to enqueue, or null
   * @param skipped late ticks this step skips as misfires
   * @param coalesced due ticks folded into {@code fire} without firing themselves
   * @param mostLate how late the earliest skipped tick was noticed; zero when none is skipped
   * @param leastLate how late the latest skipped tick was noticed; zero when none is skipped
   */
  record Step(
      Instant newCursor,
      Instant fire,
      int skipped,
      int coalesced,
      Duration mostLate,
      Duration leastLate) {}

  /** The steps that deal with every tick due in {@code (cursor, now]}, in order; maybe none. */
  static List<Step> plan(Schedule schedule, Instant cursor, Instant now) {
    List<Instant> due = dueTicks(schedule.trigger(), cursor, now);
    if (due.isEmpty()) {
      return List.of();
    }
    Instant deadline = now.minus(schedule.misfireGrace());
    List<Instant> late = due.stream().filter(tick -> tick.isBefore(deadline)).toList();
    List<Instant> onTime = due.subList(late.size(), due.size());
    Instant lastDue = due.getLast();

    if (schedule.coalesce()) {
      if (onTime.isEmpty()) {
        return List.of(skip(lastDue, late, now));
      }
      return List.of(new Step(lastDue, lastDue, 0, due.size() - 1, Duration.ZERO, Duration.ZERO));
    }

    List<Step> steps = new ArrayList<>();
    if (!late.isEmpty()) {
      steps.add(skip(late.getLast(), late, now));
    }
    for (Instant tick : onTime) {
      steps.add(new Step(tick, tick, 0, 0, Duration.ZERO, Duration.ZERO));
    }
    return steps;
  }

  /** Ticks in {@code (cursor, now]}, oldest first, at most {@link #MAX_TICKS_PER_PASS}. */
  static List<Instant> dueTicks(Trigger trigger, Instant cursor, Instant now) {
    List<Instant> due = new ArrayList<>();
    Optional<Instant> next = trigger.nextAfter(cursor);
    while (next.isPresent() && !next.get().isAfter(now) && due.size() < MAX_TICKS_PER_PASS) {
      due.add(next.get());
      next = trigger.nextAfter(next.get());
    }
    return due;
  }

  private static Step skip(Instant newCursor, List<Instant> late, Instant now) {
    return new Step(
        newCursor,
        null,
        late.size(),
        0,
        Duration.between(late.getFirst(), now),
        Duration.between(late.getLast(), now));
  }
}
