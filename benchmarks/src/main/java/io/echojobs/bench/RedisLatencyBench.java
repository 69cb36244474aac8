package io.echojobs.bench;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.worker.Pool;
import io.echojobs.jobs.worker.Worker;
import io.echojobs.jobs.worker.WorkerOptions;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Enqueue-to-start latency on the Redis broker: one producer sends {@value #RATE_PER_SECOND}
 * messages a second for {@value #SECONDS} s to a worker that is already running and idle; each
 * message carries the {@link System#nanoTime()} taken just before its send (producer and worker
 * share this JVM) and the actor records start minus that. A warm-up of {@value #WARM_UP_SECONDS} s
 * at the same rate runs first and is not counted. The producer is paced by a nanoTime schedule: a
 * send that falls behind is made at once, not skipped.
 */
final class RedisLatencyBench {

  static final int RATE_PER_SECOND = 1_000;
  static final int SECONDS = 10;
  static final int WARM_UP_SECONDS = 3;
  static final int CONCURRENCY = 200;
  static final long COMPLETION_TIMEOUT_NANOS = 60_000_000_000L;

  BenchResult run() throws Exception {
    String prefix = BenchRedis.newPrefix("redis-latency");
    int warmUp = RATE_PER_SECOND * WARM_UP_SECONDS;
    int measured = RATE_PER_SECOND * SECONDS;
    AtomicLongArray latencies = new AtomicLongArray(warmUp + measured);
    AtomicInteger started = new AtomicInteger();
    try (Jobs jobs = BenchRedis.jobs(prefix)) {
      Actor<Stamped> stamp =
          jobs.declare(
              ActorOptions.builder("stamp").queue("network").build(),
              Stamped.class,
              stamped -> {
                latencies.set(stamped.n(), System.nanoTime() - stamped.sentNanos());
                started.incrementAndGet();
              });
      try (Worker worker =
          jobs.startWorker(
              WorkerOptions.builder().queue("network", Pool.NETWORK, CONCURRENCY).build())) {
        long sendNanos = sendPaced(stamp, warmUp + measured);
        long deadline = System.nanoTime() + COMPLETION_TIMEOUT_NANOS;
        while (started.get() < warmUp + measured && System.nanoTime() < deadline) {
          Thread.sleep(1);
        }
        return result(latencies, warmUp, measured, started.get(), sendNanos);
      }
    } finally {
      BenchRedis.deleteKeys(prefix);
    }
  }

  /** Sends {@code count} messages on a fixed schedule; returns how long the measured part took. */
  private static long sendPaced(Actor<Stamped> stamp, int count) {
    long interval = 1_000_000_000L / RATE_PER_SECOND;
    int warmUp = RATE_PER_SECOND * WARM_UP_SECONDS;
    long start = System.nanoTime();
    long measuredStart = start + warmUp * interval;
    for (int i = 0; i < count; i++) {
      long due = start + i * interval;
      long now;
      while ((now = System.nanoTime()) < due) {
        LockSupport.parkNanos(due - now);
      }
      stamp.send(new Stamped(i, System.nanoTime()));
    }
    return System.nanoTime() - measuredStart;
  }

  private static BenchResult result(
      AtomicLongArray latencies, int warmUp, int measured, int started, long sendNanos) {
    long[] counted = new long[measured];
    int count = 0;
    for (int i = warmUp; i < warmUp + measured; i++) {
      long latency = latencies.get(i);
      if (latency > 0) {
        counted[count++] = latency;
      }
    }
    long[] sorted = Arrays.copyOf(counted, count);
    Arrays.sort(sorted);
    return BenchResult.of("redis-latency")
        .with("rate_per_s", RATE_PER_SECOND)
        .with("seconds", SECONDS)
        .with("sent_per_s", format(measured / (sendNanos / 1e9)))
        .with("count", count)
        .with("missing", measured - count)
        .with("p50_ms", millis(percentile(sorted, 0.50)))
        .with("p99_ms", millis(percentile(sorted, 0.99)))
        .with("max_ms", millis(count == 0 ? 0 : sorted[count - 1]))
        .with("cores", Runtime.getRuntime().availableProcessors());
  }

  private static long percentile(long[] sorted, double fraction) {
    if (sorted.length == 0) {
      return 0;
    }
    int rank = (int) Math.ceil(fraction * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
  }

  private static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.3f", nanos / 1e6);
  }

  private static String format(double rate) {
    return String.format(Locale.ROOT, "%.0f", rate);
  }

  record Stamped(int n, long sentNanos) {}
}
