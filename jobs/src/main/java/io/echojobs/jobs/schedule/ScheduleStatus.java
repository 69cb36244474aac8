package io.echojobs.jobs.schedule;

import java.time.Instant;

/**
 * One line of the scheduler's listing.
 *
 * @param id the schedule's id
 * @param actor the actor it sends to
 * @param trigger when it is due
 * @param enabled false when switched off in code or by the configuration file
 * @param paused true while paused at run time
 * @param nextFire the next tick it would fire, or null when there is none (a past one-date trigger,
 *     a disabled schedule)
 * @param lastFire the last tick that fired, or null
 * @param misfires ticks skipped because they were noticed later than the grace
 */
public record ScheduleStatus(
    String id,
    String actor,
    Trigger trigger,
    boolean enabled,
    boolean paused,
    Instant nextFire,
    Instant lastFire,
    long misfires) {}
