package io.echojobs.jobs.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The embedded state store: schedule state and the leader lease in this JVM's memory, lost when it
 * stops. Lease expiry follows the injected clock, so tests can let a lease lapse by moving a
 * settable clock.
 */
public final class InMemoryScheduleStateStore implements ScheduleStateStore {

  private final Clock clock;

  // Guarded by "this"; touched by the scheduler's tick thread and by callers of pause/resume.
  private final Map<String, ScheduleState> states = new HashMap<>();
  private String leaseOwner;
  private Instant leaseExpiresAt = Instant.MIN;

  public InMemoryScheduleStateStore(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public synchronized ScheduleState state(String scheduleId) {
    return states.getOrDefault(scheduleId, ScheduleState.NEW);
  }

  @Override
  public synchronized boolean claim(String scheduleId, Claim claim) {
    ScheduleState state = state(scheduleId);
    if (!Objects.equals(state.cursor(), claim.expectedCursor())) {
      return false;
    }
    if (claim.fire() != null && state.pendingTick() != null) {
      return false;
    }
    boolean fires = claim.fire() != null;
    states.put(
        scheduleId,
        new ScheduleState(
            claim.newCursor(),
            fires ? claim.fire() : state.lastFire(),
            fires ? claim.fire() : state.pendingTick(),
            fires ? claim.claimedAt() : state.pendingSince(),
            state.paused(),
            state.misfires() + claim.skipped()));
    return true;
  }

  @Override
  public synchronized void confirm(String scheduleId, Instant tick) {
    ScheduleState state = state(scheduleId);
    if (tick.equals(state.pendingTick())) {
      states.put(
          scheduleId,
          new ScheduleState(
              state.cursor(), state.lastFire(), null, null, state.paused(), state.misfires()));
    }
  }

  @Override
  public synchronized void pause(String scheduleId) {
    ScheduleState state = state(scheduleId);
    states.put(
        scheduleId,
        new ScheduleState(
            state.cursor(),
            state.lastFire(),
            state.pendingTick(),
            state.pendingSince(),
            true,
            state.misfires()));
  }

  @Override
  public synchronized void resume(String scheduleId, Instant now) {
    ScheduleState state = state(scheduleId);
    Instant cursor = state.cursor() == null || state.cursor().isBefore(now) ? now : state.cursor();
    states.put(
        scheduleId,
        new ScheduleState(
            cursor,
            state.lastFire(),
            state.pendingTick(),
            state.pendingSince(),
            false,
            state.misfires()));
  }

  @Override
  public synchronized boolean acquireLease(String owner, Duration ttl) {
    Instant now = clock.instant();
    if (leaseOwner != null && now.isBefore(leaseExpiresAt) && !leaseOwner.equals(owner)) {
      return false;
    }
    leaseOwner = owner;
    leaseExpiresAt = now.plus(ttl);
    return true;
  }

  @Override
  public synchronized boolean renewLease(String owner, Duration ttl) {
    Instant now = clock.instant();
    if (!owner.equals(leaseOwner) || !now.isBefore(leaseExpiresAt)) {
      return false;
    }
    leaseExpiresAt = now.plus(ttl);
    return true;
  }

  @Override
  public synchronized void releaseLease(String owner) {
    if (owner.equals(leaseOwner)) {
      leaseOwner = null;
      leaseExpiresAt = Instant.MIN;
    }
  }

  @Override
  public synchronized Optional<String> leaseHolder() {
    boolean held = leaseOwner != null && clock.instant().isBefore(leaseExpiresAt);
    return held ? Optional.of(leaseOwner) : Optional.empty();
  }
}
