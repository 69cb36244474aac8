package io.echojobs.jobs.worker;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Enforces actors' time limits: when an attempt runs past its limit, its thread is interrupted
 * (blocking I/O on a virtual thread, sleeps and waits end at once). An actor that ignores the
 * interrupt cannot be stopped safely in Java; it is reported at ERROR once, after the limit plus
 * a grace, and counted in {@link #ignoredInterrupts()}, so a person can find and fix it.
 *
 * <p>Running attempts sit in a concurrent set that one daemon platform thread, {@code
 * echo-jobs-time-limit}, scans every {@link #SCAN_INTERVAL}: registering an attempt costs a set
 * insert instead of a timer task, which matters at hundreds of thousands of messages a second.
 * Limits are therefore enforced to within that interval.
 */
public final class TimeLimitWatchdog {

  public static final Duration SCAN_INTERVAL = Duration.ofMillis(50);
  public static final Duration IGNORED_INTERRUPT_GRACE = Duration.ofSeconds(5);

  private static final Logger log = LoggerFactory.getLogger(TimeLimitWatchdog.class);
  private static final TimeLimitWatchdog SHARED = new TimeLimitWatchdog();

  private final Set<Guard> running = ConcurrentHashMap.newKeySet();
  private final AtomicLong ignoredInterrupts = new AtomicLong();

  private TimeLimitWatchdog() {
    Thread.ofPlatform().daemon().name("echo-jobs-time-limit").start(this::scanForever);
  }

  public static TimeLimitWatchdog shared() {
    return SHARED;
  }

  /** Starts watching the current thread; close the guard when the attempt ends. */
  public Guard watch(Duration limit, String messageId, String actor) {
    Guard guard = new Guard(this, Thread.currentThread(), limit, messageId, actor);
    running.add(guard);
    return guard;
  }

  /** How many attempts kept running past their limit plus grace, ignoring the interrupt. */
  public long ignoredInterrupts() {
    return ignoredInterrupts.get();
  }

  private void scanForever() {
    while (true) {
      try {
        Thread.sleep(SCAN_INTERVAL);
        long now = System.nanoTime();
        for (Guard guard : running) {
          guard.check(now);
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        log.error("time-limit scan failed; limits are checked again next scan", e);
      }
    }
  }

  /**
   * Watches one attempt. {@link #check} runs on the watchdog thread, the rest on the runner; the
   * guard's monitor keeps an interrupt from landing after the attempt closed.
   */
  public static final class Guard implements AutoCloseable {
    private final TimeLimitWatchdog watchdog;
    private final Thread runner;
    private final Duration limit;
    private final String messageId;
    private final String actor;
    private final long deadlineNanos;
    private volatile boolean fired;
    private boolean reported;
    private boolean closed;

    private Guard(
        TimeLimitWatchdog watchdog, Thread runner, Duration limit, String messageId, String actor) {
      this.watchdog = watchdog;
      this.runner = runner;
      this.limit = limit;
      this.messageId = messageId;
      this.actor = actor;
      this.deadlineNanos = System.nanoTime() + limit.toNanos();
    }

    /** Whether the limit was reached and the thread interrupted. */
    public boolean fired() {
      return fired;
    }

    private synchronized void check(long nowNanos) {
      if (closed) {
        return;
      }
      if (!fired && nowNanos - deadlineNanos >= 0) {
        fired = true;
        log.warn(
            "time limit reached, interrupting message_id={} actor={} limit={}",
            messageId,
            actor,
            limit);
        runner.interrupt();
      } else if (fired
          && !reported
          && nowNanos - deadlineNanos >= IGNORED_INTERRUPT_GRACE.toNanos()) {
        reported = true;
        watchdog.ignoredInterrupts.incrementAndGet();
        log.error(
            "message ignores its interrupt and still runs past its time limit; its slot stays"
                + " taken until it returns: make the actor honour interrupts message_id={}"
                + " actor={} limit={}",
            messageId,
            actor,
            limit);
      }
    }

    /** Stops watching; clears an interrupt the watchdog set, so a pooled thread is reusable. */
    @Override
    public void close() {
      synchronized (this) {
        closed = true;
      }
      watchdog.running.remove(this);
      if (fired && Thread.currentThread() == runner) {
        Thread.interrupted();
      }
    }
  }
}
