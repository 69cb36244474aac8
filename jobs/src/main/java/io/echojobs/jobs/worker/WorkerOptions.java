package io.echojobs.jobs.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How a worker runs. Immutable; build with {@link #builder()}.
 *
 * @param queues the queues it consumes and how
 * @param lease how long the broker keeps a fetched message for this worker before handing it to
 *     another; running messages' leases are extended every third of it
 * @param shutdownGrace how long a stopping worker lets running messages finish before
 *     interrupting them and handing them back
 * @param fetchWait how long one fetch blocks on an empty queue
 * @param heartbeatInterval how often the worker publishes its heartbeat
 */
public record WorkerOptions(
    List<QueueSettings> queues,
    Duration lease,
    Duration shutdownGrace,
    Duration fetchWait,
    Duration heartbeatInterval) {

  public static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_SHUTDOWN_GRACE = Duration.ofSeconds(30);
  public static final Duration DEFAULT_FETCH_WAIT = Duration.ofSeconds(1);
  public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);

  public WorkerOptions {
    queues = List.copyOf(queues);
    if (queues.isEmpty()) {
      throw new IllegalArgumentException("queues: a worker needs at least one queue");
    }
    Set<String> names = new LinkedHashSet<>();
    for (QueueSettings each : queues) {
      if (!names.add(each.queue())) {
        throw new IllegalArgumentException("queues: '" + each.queue() + "' is listed twice");
      }
    }
    requirePositive("lease", lease);
    requirePositive("fetchWait", fetchWait);
    requirePositive("heartbeatInterval", heartbeatInterval);
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    if (shutdownGrace.isNegative()) {
      throw new IllegalArgumentException(
          "shutdownGrace: must not be negative, was " + shutdownGrace);
    }
    if (lease.compareTo(Duration.ofMillis(300)) < 0) {
      throw new IllegalArgumentException("lease: must be at least 300ms, was " + lease);
    }
  }

  /** Default options for the given queues (see {@link QueueSettings#defaultsFor}). */
  public static WorkerOptions forQueues(String... queues) {
    Builder builder = builder();
    for (String queue : queues) {
      builder.queue(QueueSettings.defaultsFor(queue));
    }
    return builder.build();
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + ": must be a positive duration, was " + value);
    }
  }

  /** Builds {@link WorkerOptions}; {@link #build()} validates the whole. */
  public static final class Builder {
    private final List<QueueSettings> queues = new ArrayList<>();
    private Duration lease = DEFAULT_LEASE;
    private Duration shutdownGrace = DEFAULT_SHUTDOWN_GRACE;
    private Duration fetchWait = DEFAULT_FETCH_WAIT;
    private Duration heartbeatInterval = DEFAULT_HEARTBEAT_INTERVAL;

    public Builder queue(QueueSettings settings) {
      queues.add(Objects.requireNonNull(settings, "settings"));
      return this;
    }

    public Builder queue(String name, Pool pool, int concurrency) {
      return queue(new QueueSettings(name, pool, concurrency, Math.max(1, concurrency / 4)));
    }

    public Builder lease(Duration lease) {
      this.lease = lease;
      return this;
    }

    public Builder shutdownGrace(Duration shutdownGrace) {
      this.shutdownGrace = shutdownGrace;
      return this;
    }

    public Builder fetchWait(Duration fetchWait) {
      this.fetchWait = fetchWait;
      return this;
    }

    public Builder heartbeatInterval(Duration heartbeatInterval) {
      this.heartbeatInterval = heartbeatInterval;
      return this;
    }

    public WorkerOptions build() {
      return new WorkerOptions(queues, lease, shutdownGrace, fetchWait, heartbeatInterval);
    }
  }
}
