package io.echojobs.jobs.worker;

import java.util.Objects;

/**
 * How a worker consumes one queue.
 *
 * @param queue the queue's name
 * @param pool virtual threads ({@link Pool#NETWORK}) or platform threads ({@link Pool#CPU})
 * @param concurrency how many of its messages run at once
 * @param prefetch how many more it holds, leased and waiting, beyond those running
 */
public record QueueSettings(String queue, Pool pool, int concurrency, int prefetch) {

  public static final int DEFAULT_NETWORK_CONCURRENCY = 200;
  public static final int DEFAULT_CPU_CONCURRENCY = 1;
  public static final String CPU_QUEUE = "cpu";

  public QueueSettings {
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(pool, "pool");
    if (concurrency < 1) {
      throw new IllegalArgumentException(
          "concurrency of queue " + queue + " must be >= 1, was " + concurrency);
    }
    if (prefetch < 0) {
      throw new IllegalArgumentException(
          "prefetch of queue " + queue + " must be >= 0, was " + prefetch);
    }
  }

  /**
   * The defaults for a queue name: the queue named {@value #CPU_QUEUE} runs on one platform
   * thread; any other runs on virtual threads, {@value #DEFAULT_NETWORK_CONCURRENCY} at once.
   * Prefetch is a quarter of concurrency, at least 1.
   */
  public static QueueSettings defaultsFor(String queue) {
    return CPU_QUEUE.equals(queue)
        ? new QueueSettings(queue, Pool.CPU, DEFAULT_CPU_CONCURRENCY, 1)
        : new QueueSettings(
            queue, Pool.NETWORK, DEFAULT_NETWORK_CONCURRENCY, DEFAULT_NETWORK_CONCURRENCY / 4);
  }

  public QueueSettings withConcurrency(int newConcurrency) {
    return new QueueSettings(queue, pool, newConcurrency, Math.max(1, newConcurrency / 4));
  }
}
