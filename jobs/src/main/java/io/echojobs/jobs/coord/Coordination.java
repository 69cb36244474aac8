package io.echojobs.jobs.coord;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Coordination primitives shared by all workers: counters with a time to live, a decrement that
 * counts each member exactly once, locks with owner tokens, and once-flags. Every operation is
 * one atomic step on the store (one Lua script or one SET NX PX on Redis), never a
 * check-then-act pair, and every key it writes has a time to live, so a crash can leave nothing
 * behind forever.
 *
 * <p>Keys live under {@code coord:} and are grouped by a scope (a conversation id, say): all keys
 * of one scope share a Redis Cluster hash tag, so multi-key steps work on a cluster. Thread-safe.
 */
public interface Coordination {

  /** Adds {@code delta} to a counter (creating it at 0), sets its TTL, returns the new value. */
  long add(String scope, String counter, long delta, Duration ttl);

  /** The counter's value, or empty when it does not exist (never created, expired, evicted). */
  OptionalLong counter(String scope, String counter);

  /**
   * Decrements a counter once for {@code member}, in one atomic step: a second call for the same
   * member changes nothing. The counter keeps its TTL and never goes below zero.
   */
  Decrement decrementOnce(String scope, String counter, String member, Duration memberTtl);

  /** Takes a lock if free; the returned lock's token proves ownership. */
  Optional<Lock> tryLock(String scope, String name, Duration ttl);

  /**
   * Takes a lock if free, or if {@code owner} already holds it (then its TTL is renewed). With a
   * message id as the owner, a message redelivered after its worker died takes over the lock
   * its first delivery left behind, instead of waiting for the lock to expire.
   */
  Optional<Lock> tryLock(String scope, String name, String owner, Duration ttl);

  /** Releases the lock only if {@code lock} still owns it; false if it expired or moved on. */
  boolean release(Lock lock);

  /** Extends the lock only if {@code lock} still owns it. */
  boolean extend(Lock lock, Duration ttl);

  /** Sets a flag if unset: true for exactly one caller until the flag expires or is cleared. */
  boolean once(String scope, String flag, Duration ttl);

  /** Whether a flag is set. */
  boolean isSet(String scope, String flag);

  /**
   * Deletes every key of a scope that this API created and still exists, except locks held by
   * someone (which expire on their own). Returns how many keys were deleted.
   */
  long clear(String scope);

  /** How a {@link #decrementOnce} went. */
  sealed interface Decrement {
    /** This call counted the member; {@code remaining} is the counter after it. */
    record Counted(long remaining) implements Decrement {}

    /** The member was counted before; nothing changed. */
    record AlreadyCounted() implements Decrement {}

    /**
     * The counter does not exist (expired or evicted): nothing was decremented, and the caller
     * must fall back to the source of truth. The member is not marked.
     */
    record CounterMissing() implements Decrement {}
  }

  /**
   * A held lock.
   *
   * @param scope the lock's scope
   * @param name the lock's name
   * @param token the owner token, unique per acquisition
   */
  record Lock(String scope, String name, String token) {}
}
