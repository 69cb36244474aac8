package io.echojobs.bench;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.worker.Pool;
import io.echojobs.jobs.worker.Worker;
import io.echojobs.jobs.worker.WorkerOptions;
import java.util.Locale;

/**
 * 200,000 no-op messages through the in-memory broker and the network pool: first all are sent
 * (enqueue rate, one producer thread), then a worker drains them (processing rate: from worker
 * start to the last message settled). A warm-up round of 50,000 runs first so the JIT has
 * compiled the hot path. Peak heap covers the measured round.
 */
final class MemoryNoopBench {

  static final int MESSAGES = 200_000;
  static final int WARM_UP = 50_000;
  static final int CONCURRENCY = 200;

  BenchResult run() throws Exception {
    round(WARM_UP);
    HeapPeak.reset();
    double[] rates = round(MESSAGES);
    return BenchResult.of("memory-noop")
        .with("messages", MESSAGES)
        .with("enqueued_per_s", format(rates[0]))
        .with("processed_per_s", format(rates[1]))
        .with("peak_heap_mb", HeapPeak.megabytes())
        .with("cores", Runtime.getRuntime().availableProcessors());
  }

  private double[] round(int messages) throws InterruptedException {
    try (Jobs jobs = Jobs.builder().build()) {
      Actor<Noop> noop =
          jobs.declare(ActorOptions.builder("noop").queue("network").build(), Noop.class, n -> {});
      Noop arguments = new Noop(1);
      long sendStart = System.nanoTime();
      for (int i = 0; i < messages; i++) {
        noop.send(arguments);
      }
      long sendNanos = System.nanoTime() - sendStart;

      long runStart = System.nanoTime();
      try (Worker worker =
          jobs.startWorker(
              WorkerOptions.builder().queue("network", Pool.NETWORK, CONCURRENCY).build())) {
        while (worker.processed() < messages) {
          Thread.sleep(1);
        }
        long runNanos = System.nanoTime() - runStart;
        return new double[] {messages / (sendNanos / 1e9), messages / (runNanos / 1e9)};
      }
    }
  }

  private static String format(double rate) {
    return String.format(Locale.ROOT, "%.0f", rate);
  }

  record Noop(int n) {}
}
