package io.echojobs.jobs.schedule;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This scheduler's view of the leader lease: takes it when free, renews it while held, and logs
 * each change. Only the thread running a pass changes it.
 */
final class LeaderLease {

  private static final Logger log = LoggerFactory.getLogger(LeaderLease.class);

  private final ScheduleStateStore store;
  private final String owner;
  private final Duration ttl;
  // Written by the pass thread, read by isActive() callers on any thread.
  private volatile boolean held;

  LeaderLease(ScheduleStateStore store, String owner, Duration ttl) {
    this.store = store;
    this.owner = owner;
    this.ttl = ttl;
  }

  /** Renews or takes the lease; true if this scheduler may fire until the next call. */
  boolean hold() {
    // A lapsed lease that no one else took is taken again at once, without a gap in firing.
    boolean now =
        held
            ? store.renewLease(owner, ttl) || store.acquireLease(owner, ttl)
            : store.acquireLease(owner, ttl);
    if (now && !held) {
      log.info("Scheduler lease gained, firing schedules owner={} ttl={}", owner, ttl);
    } else if (!now && held) {
      log.info(
          "Scheduler lease lost, stopped firing owner={} holder={}",
          owner,
          store.leaseHolder().orElse("none"));
    }
    held = now;
    return held;
  }

  boolean held() {
    return held;
  }

  /** Gives the lease up so another scheduler takes over at once instead of after the TTL. */
  void release() {
    if (held) {
      store.releaseLease(owner);
      held = false;
      log.info("Scheduler lease released owner={}", owner);
    }
  }
}
