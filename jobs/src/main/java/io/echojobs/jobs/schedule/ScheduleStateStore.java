package io.echojobs.jobs.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Where schedulers keep what must survive them and be shared among them: each schedule's cursor,
 * last fire, pending fire, paused flag and misfire count, and the leader lease that elects one
 * active scheduler.
 *
 * <p>Every method is one atomic step. {@link #claim} is a compare-and-set, so two schedulers that
 * both believe they lead still cannot claim the same tick. Implementations are thread-safe.
 */
public interface ScheduleStateStore {

  /** The stored state of a schedule, {@link ScheduleState#NEW} when there is none. */
  ScheduleState state(String scheduleId);

  /**
   * Applies {@code claim} if the cursor still equals its expected value. A claim carrying a fire
   * also records it as pending until {@link #confirm}; it fails while another fire is pending.
   *
   * @return true if this call moved the cursor
   */
  boolean claim(String scheduleId, Claim claim);

  /** The fire of {@code tick} is enqueued: clears the pending fire if it is still {@code tick}. */
  void confirm(String scheduleId, Instant tick);

  void pause(String scheduleId);

  /**
   * Clears the paused flag and moves the cursor to at least {@code now}, so the ticks passed while
   * paused are neither fired nor counted as misfires.
   */
  void resume(String scheduleId, Instant now);

  /**
   * Takes the leader lease for {@code ttl} if no one holds it, or extends it if {@code owner}
   * already does.
   *
   * @return true if {@code owner} holds it now
   */
  boolean acquireLease(String owner, Duration ttl);

  /**
   * Extends the lease to {@code ttl} from now, only if {@code owner} still holds it.
   *
   * @return false if the lease expired or another owner took it
   */
  boolean renewLease(String owner, Duration ttl);

  /** Gives the lease up, only if {@code owner} holds it. */
  void releaseLease(String owner);

  /** The owner holding the lease now, if any. */
  Optional<String> leaseHolder();
}
