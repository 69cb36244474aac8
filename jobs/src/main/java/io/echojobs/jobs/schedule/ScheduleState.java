package io.echojobs.jobs.schedule;

import java.time.Instant;

/**
 * What the state store holds for one schedule. Instants are stored in whole milliseconds.
 *
 * @param cursor every tick at or before this instant has been dealt with (fired, coalesced, skipped
 *     as a misfire, or passed while paused); null before the schedule was first seen
 * @param lastFire the last tick that fired; null if none did
 * @param pendingTick a tick claimed but whose enqueue was not yet confirmed; null if none
 * @param pendingSince when that tick was claimed
 * @param paused a paused schedule does not fire; ticks passed while paused are not misfires
 * @param misfires how many ticks were skipped because they were noticed later than the grace
 */
public record ScheduleState(
    Instant cursor,
    Instant lastFire,
    Instant pendingTick,
    Instant pendingSince,
    boolean paused,
    long misfires) {

  /** The state of a schedule the store has never seen. */
  public static final ScheduleState NEW = new ScheduleState(null, null, null, null, false, 0);
}
