package io.echojobs.jobs.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One schedule's part of a pass, run only by the scheduler holding the lease: repair a fire left
 * pending, then claim and send the due ticks as {@link TickPlan} decides.
 *
 * <p>Order matters for the guarantees. A tick is claimed (compare-and-set on the cursor, which also
 * records it as pending) before its message is sent, so two schedulers cannot both send it; it is
 * confirmed after the send, so a crash in between leaves it pending, and the next pass of whichever
 * scheduler leads sends it again under the same unique key.
 */
final class ScheduleEvaluation {

  private static final Logger log = LoggerFactory.getLogger(ScheduleEvaluation.class);

  // Before this, the scheduler that claimed a pending tick may still be sending it.
  private final Duration pendingRepairAfter;
  private final ScheduleStateStore store;
  private final TickSender sender;

  ScheduleEvaluation(ScheduleStateStore store, TickSender sender, Duration pendingRepairAfter) {
    this.store = store;
    this.sender = sender;
    this.pendingRepairAfter = pendingRepairAfter;
  }

  /** Deals with what {@code schedule} has due at {@code now}; store and broker errors escape. */
  void evaluate(Schedule schedule, Instant now) {
    ScheduleState state = store.state(schedule.id());
    // A tick claimed before a pause already fired as far as anyone can tell: finish sending it.
    if (state.pendingTick() != null) {
      if (!repair(schedule, state, now)) {
        return;
      }
      state = store.state(schedule.id());
    }
    if (state.paused()) {
      return;
    }
    if (state.cursor() == null) {
      // First sight: only ticks from now on are due, as when APScheduler adds a job.
      Instant baseline = now.minusMillis(1);
      if (!store.claim(schedule.id(), new Claim(null, baseline, null, 0, now))) {
        return;
      }
      state = store.state(schedule.id());
    }
    run(schedule, state.cursor(), TickPlan.plan(schedule, state.cursor(), now), now);
  }

  /**
   * For a disabled schedule: moves its cursor over the ticks that came due, firing nothing and
   * counting no misfire, so enabling it later does not report its quiet time as missed ticks.
   */
  void passOver(Schedule schedule, Instant now) {
    ScheduleState state = store.state(schedule.id());
    if (state.cursor() == null || state.pendingTick() != null) {
      return;
    }
    List<Instant> due = TickPlan.dueTicks(schedule.trigger(), state.cursor(), now);
    if (!due.isEmpty()) {
      store.claim(schedule.id(), new Claim(state.cursor(), due.getLast(), null, 0, now));
    }
  }

  private boolean repair(Schedule schedule, ScheduleState state, Instant now) {
    Instant tick = state.pendingTick();
    if (state.pendingSince() != null
        && now.isBefore(state.pendingSince().plus(pendingRepairAfter))) {
      return false;
    }
    String messageId = sender.send(schedule, tick);
    store.confirm(schedule.id(), tick);
    log.info(
        "Sent a claimed tick again, its send was never confirmed schedule={} tick={} message={}",
        schedule.id(),
        tick,
        messageId);
    return true;
  }

  private void run(Schedule schedule, Instant cursor, List<TickPlan.Step> steps, Instant now) {
    Instant expected = cursor;
    for (TickPlan.Step step : steps) {
      Claim claim = new Claim(expected, step.newCursor(), step.fire(), step.skipped(), now);
      if (!store.claim(schedule.id(), claim)) {
        log.debug(
            "Tick claimed by another scheduler schedule={} cursor={}", schedule.id(), expected);
        return;
      }
      expected = step.newCursor();
      if (step.skipped() > 0) {
        warnSkipped(schedule, step);
      }
      if (step.fire() != null) {
        fire(schedule, step);
      }
    }
  }

  private void fire(Schedule schedule, TickPlan.Step step) {
    String messageId = sender.send(schedule, step.fire());
    store.confirm(schedule.id(), step.fire());
    log.debug(
        "Schedule fired schedule={} actor={} tick={} coalesced={} message={}",
        schedule.id(),
        schedule.actor(),
        step.fire(),
        step.coalesced(),
        messageId);
  }

  private static void warnSkipped(Schedule schedule, TickPlan.Step step) {
    log.warn(
        "Skipped ticks noticed later than the misfire grace, next tick fires as usual"
            + " schedule={} skipped={} late={} latestLate={} grace={} cursor={}",
        schedule.id(),
        step.skipped(),
        step.mostLate(),
        step.leastLate(),
        schedule.misfireGrace(),
        step.newCursor());
  }
}
