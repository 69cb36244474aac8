package io.echojobs.jobs.broker.redis;

import io.echojobs.jobs.broker.BrokerUnavailableException;
import io.echojobs.jobs.broker.Envelope;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisLoadingException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries an enqueue through a Redis outage for a bounded window, so a restart or failover does not
 * fail producers, yet a producer always learns when its message was not stored. Connection errors,
 * timeouts and the error replies of {@link #TRANSIENT_ERROR_KINDS} are worth another attempt; any
 * other error the server returned for the command (out of memory, a script error) is not. The
 * outage is logged once when it starts and once when it ends, whatever the number of producers.
 * Thread-safe.
 */
final class EnqueueRetry {

  /**
   * Error replies that a failover, a restart or a long script produce and that pass on their own: a
   * replica promoted, a cluster slot moving, a server still loading its data.
   */
  static final Set<String> TRANSIENT_ERROR_KINDS =
      Set.of("LOADING", "BUSY", "READONLY", "MASTERDOWN", "CLUSTERDOWN", "TRYAGAIN");

  private static final Logger log = LoggerFactory.getLogger(EnqueueRetry.class);

  private final Duration window;
  private final Duration minBackoff;
  private final Duration maxBackoff;
  private final AtomicBoolean outage = new AtomicBoolean();

  EnqueueRetry(Duration window, Duration minBackoff, Duration maxBackoff) {
    this.window = window;
    this.minBackoff = minBackoff;
    this.maxBackoff = maxBackoff;
  }

  /**
   * Runs {@code store} until it succeeds or the window has passed.
   *
   * @throws BrokerUnavailableException when the message could not be stored; the interrupt flag is
   *     restored if the wait was interrupted
   */
  <T> T run(Envelope envelope, Supplier<T> store) {
    long deadline = System.nanoTime() + window.toNanos();
    long backoffMillis = minBackoff.toMillis();
    while (true) {
      try {
        T result = store.get();
        if (outage.compareAndSet(true, false)) {
          log.info("Redis reachable again, enqueue resumed message_id={}", envelope.messageId());
        }
        return result;
      } catch (RedisException e) {
        if (!isTransient(e)) {
          throw unavailable(envelope, "Redis refused it: " + e.getMessage(), e);
        }
        if (System.nanoTime() + backoffMillis * 1_000_000 > deadline) {
          throw unavailable(envelope, "Redis unreachable for the retry window of " + window, e);
        }
        if (outage.compareAndSet(false, true)) {
          log.warn(
              "enqueue failed, retrying for up to {} before giving up message_id={} queue={}",
              window,
              envelope.messageId(),
              envelope.queue(),
              e);
        }
        pause(envelope, backoffMillis, e);
        backoffMillis = Math.min(backoffMillis * 2, maxBackoff.toMillis());
      }
    }
  }

  private static boolean isTransient(RedisException e) {
    if (!(e instanceof RedisCommandExecutionException)) {
      return true; // connection lost, timed out, or not yet reconnected
    }
    if (e instanceof RedisLoadingException) {
      return true;
    }
    // The first word of a Redis error reply is its kind, the server's own error type.
    String reply = e.getMessage();
    return reply != null && TRANSIENT_ERROR_KINDS.contains(reply.split(" ", 2)[0]);
  }

  private static void pause(Envelope envelope, long millis, RedisException cause) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw unavailable(envelope, "interrupted while retrying", cause);
    }
  }

  private static BrokerUnavailableException unavailable(
      Envelope envelope, String why, Throwable cause) {
    return new BrokerUnavailableException(
        "message " + envelope.messageId() + " not stored in queue " + envelope.queue() + ": " + why,
        cause);
  }
}
