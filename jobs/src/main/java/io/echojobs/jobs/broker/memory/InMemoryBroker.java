package io.echojobs.jobs.broker.memory;

import io.echojobs.jobs.broker.Broker;
import io.echojobs.jobs.broker.DeadLetter;
import io.echojobs.jobs.broker.Delivery;
import io.echojobs.jobs.broker.EnqueueReceipt;
import io.echojobs.jobs.broker.Envelope;
import io.echojobs.jobs.broker.QueueFigures;
import io.echojobs.jobs.broker.WorkerHeartbeat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The broker for one JVM: the embedded default and the broker of most tests. It honours the
 * whole {@link Broker} contract (leases, redelivery, strict priority, delays, unique keys, dead
 * letters with retention) but keeps nothing when the process ends.
 *
 * <p>Each queue has its own lock ({@link InMemoryQueue}); etas, leases and retention are read
 * from the injected clock, so a test can move time instead of waiting.
 */
public final class InMemoryBroker implements Broker {

  private final Clock clock;
  private final int maxRedeliveries;
  private final Duration deadLetterRetention;
  private final Map<String, InMemoryQueue> queues = new ConcurrentHashMap<>();
  private final Map<String, TimedHeartbeat> heartbeats = new ConcurrentHashMap<>();
  private volatile boolean closed;

  public InMemoryBroker() {
    this(Clock.systemUTC());
  }

  public InMemoryBroker(Clock clock) {
    this(clock, DEFAULT_MAX_REDELIVERIES, DEFAULT_DEAD_LETTER_RETENTION);
  }

  public InMemoryBroker(Clock clock, int maxRedeliveries, Duration deadLetterRetention) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxRedeliveries < 0) {
      throw new IllegalArgumentException("maxRedeliveries must be >= 0, was " + maxRedeliveries);
    }
    if (deadLetterRetention.isNegative() || deadLetterRetention.isZero()) {
      throw new IllegalArgumentException(
          "deadLetterRetention must be positive, was " + deadLetterRetention);
    }
    this.maxRedeliveries = maxRedeliveries;
    this.deadLetterRetention = deadLetterRetention;
  }

  @Override
  public EnqueueReceipt enqueue(Envelope envelope) {
    Objects.requireNonNull(envelope, "envelope");
    ensureOpen();
    return queue(envelope.queue()).enqueue(envelope, clock.millis());
  }

  @Override
  public List<Delivery> fetch(String queue, int max, Duration lease, Duration wait)
      throws InterruptedException {
    if (max < 1) {
      throw new IllegalArgumentException("max must be >= 1, was " + max);
    }
    ensureOpen();
    long waitNanos = wait.isNegative() ? 0 : wait.toNanos();
    return queue(queue).fetch(max, lease.toMillis(), waitNanos);
  }

  @Override
  public boolean extendLease(Delivery delivery, Duration lease) {
    return queue(delivery.queue()).extend(delivery, clock.millis() + lease.toMillis());
  }

  @Override
  public boolean ack(Delivery delivery) {
    return queue(delivery.queue()).ack(delivery);
  }

  @Override
  public boolean retry(Delivery delivery, Envelope retry) {
    return queue(delivery.queue()).retry(delivery, retry, clock.millis());
  }

  @Override
  public boolean deadLetter(Delivery delivery, byte[] body, String reason) {
    return queue(delivery.queue()).deadLetter(delivery, body, reason, clock.instant());
  }

  @Override
  public boolean release(Delivery delivery) {
    return queue(delivery.queue()).release(delivery, clock.millis());
  }

  @Override
  public boolean cancel(String queue, String messageId) {
    return queue(queue).cancel(messageId);
  }

  @Override
  public Optional<Envelope> find(String queue, String messageId) {
    return queue(queue).find(messageId);
  }

  @Override
  public List<DeadLetter> deadLetters(String queue, int limit) {
    return queue(queue).deadLetters(limit, retentionCutoff());
  }

  @Override
  public boolean replay(String queue, String messageId, byte[] body) {
    return queue(queue).replay(messageId, body, clock.millis());
  }

  @Override
  public long purgeDeadLetters(String queue) {
    return queue(queue).purgeDeadLetters();
  }

  @Override
  public long purge(String queue) {
    return queue(queue).purge();
  }

  @Override
  public QueueFigures figures(String queue) {
    return queue(queue).figures(clock.millis(), retentionCutoff());
  }

  @Override
  public Set<String> queues() {
    return new TreeSet<>(queues.keySet());
  }

  @Override
  public void publishHeartbeat(WorkerHeartbeat heartbeat, Duration ttl) {
    heartbeats.put(
        heartbeat.workerId(), new TimedHeartbeat(heartbeat, clock.millis() + ttl.toMillis()));
  }

  @Override
  public List<WorkerHeartbeat> heartbeats() {
    long now = clock.millis();
    heartbeats.values().removeIf(timed -> timed.expiresAtMillis() <= now);
    List<WorkerHeartbeat> alive = new ArrayList<>();
    heartbeats.values().forEach(timed -> alive.add(timed.heartbeat()));
    alive.sort(Comparator.comparing(WorkerHeartbeat::workerId));
    return alive;
  }

  @Override
  public int maxRedeliveries() {
    return maxRedeliveries;
  }

  /** Wakes every waiting fetch so it rereads the clock; for tests that move a settable clock. */
  public void clockMoved() {
    queues.values().forEach(InMemoryQueue::wakeWaiters);
  }

  @Override
  public void close() {
    closed = true;
    queues.values().forEach(InMemoryQueue::wakeWaiters);
  }

  private InMemoryQueue queue(String name) {
    Objects.requireNonNull(name, "queue");
    return queues.computeIfAbsent(name, n -> new InMemoryQueue(n, clock, maxRedeliveries));
  }

  private Instant retentionCutoff() {
    return clock.instant().minus(deadLetterRetention);
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("broker is closed");
    }
  }

  private record TimedHeartbeat(WorkerHeartbeat heartbeat, long expiresAtMillis) {}
}
