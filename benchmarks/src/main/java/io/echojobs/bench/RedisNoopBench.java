package io.echojobs.bench;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.worker.Pool;
import io.echojobs.jobs.worker.Worker;
import io.echojobs.jobs.worker.WorkerOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * 100,000 no-op messages through the Redis broker and the network pool, like memory-noop: first all
 * are sent ({@value #PRODUCERS} producer threads sharing one backend, as request threads of an
 * application would), then one worker drains them (from worker start to the last message settled).
 * Each message carries its sequence number and the actor counts its runs in a ledger: lost = never
 * run, duplicates = runs beyond the first. A warm-up round of {@value #WARM_UP} runs first. Every
 * round works under a fresh key prefix, deleted at the end.
 */
final class RedisNoopBench {

  static final int MESSAGES = 100_000;
  static final int WARM_UP = 20_000;
  static final int CONCURRENCY = 200;
  static final int PRODUCERS = 16;
  static final long DRAIN_TIMEOUT_NANOS = 300_000_000_000L;

  BenchResult run() throws Exception {
    round(WARM_UP);
    HeapPeak.reset();
    Round measured = round(MESSAGES);
    return BenchResult.of("redis-noop")
        .with("messages", MESSAGES)
        .with("producers", PRODUCERS)
        .with("concurrency", CONCURRENCY)
        .with("enqueued_per_s", format(measured.enqueuedPerSecond()))
        .with("processed_per_s", format(measured.processedPerSecond()))
        .with("lost", measured.lost())
        .with("duplicates", measured.duplicates())
        .with("peak_heap_mb", HeapPeak.megabytes())
        .with("cores", Runtime.getRuntime().availableProcessors());
  }

  private Round round(int messages) throws Exception {
    String prefix = BenchRedis.newPrefix("redis-noop");
    AtomicIntegerArray runs = new AtomicIntegerArray(messages);
    try (Jobs jobs = BenchRedis.jobs(prefix)) {
      Actor<Numbered> noop =
          jobs.declare(
              ActorOptions.builder("noop").queue("network").build(),
              Numbered.class,
              numbered -> runs.incrementAndGet(numbered.n()));

      long sendStart = System.nanoTime();
      sendAll(noop, messages);
      long sendNanos = System.nanoTime() - sendStart;

      long runStart = System.nanoTime();
      long runNanos;
      try (Worker worker =
          jobs.startWorker(
              WorkerOptions.builder().queue("network", Pool.NETWORK, CONCURRENCY).build())) {
        while (worker.processed() < messages
            && System.nanoTime() - runStart < DRAIN_TIMEOUT_NANOS) {
          Thread.sleep(1);
        }
        runNanos = System.nanoTime() - runStart;
      }
      return Round.of(messages, sendNanos, runNanos, runs);
    } finally {
      BenchRedis.deleteKeys(prefix);
    }
  }

  /** Message {@code i} goes out from producer {@code i % PRODUCERS}. */
  private static void sendAll(Actor<Numbered> noop, int messages) throws InterruptedException {
    List<Thread> producers = new ArrayList<>();
    for (int p = 0; p < PRODUCERS; p++) {
      int first = p;
      producers.add(
          Thread.ofVirtual()
              .name("bench-producer-" + p)
              .start(
                  () -> {
                    for (int i = first; i < messages; i += PRODUCERS) {
                      noop.send(new Numbered(i));
                    }
                  }));
    }
    for (Thread producer : producers) {
      producer.join();
    }
  }

  private static String format(double rate) {
    return String.format(Locale.ROOT, "%.0f", rate);
  }

  record Numbered(int n) {}

  private record Round(
      double enqueuedPerSecond, double processedPerSecond, long lost, long duplicates) {

    static Round of(int messages, long sendNanos, long runNanos, AtomicIntegerArray runs) {
      long lost = 0;
      long duplicates = 0;
      for (int i = 0; i < runs.length(); i++) {
        int count = runs.get(i);
        if (count == 0) {
          lost++;
        } else {
          duplicates += count - 1;
        }
      }
      return new Round(messages / (sendNanos / 1e9), messages / (runNanos / 1e9), lost, duplicates);
    }
  }
}
