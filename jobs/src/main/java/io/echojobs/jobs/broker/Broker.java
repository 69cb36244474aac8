package io.echojobs.jobs.broker;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Stores messages and hands them to consumers, at least once. The in-memory and the Redis broker
 * implement this same contract, and one contract test suite ({@code BrokerContract}) runs against
 * both.
 *
 * <ul>
 *   <li>{@link #enqueue} returns only once the message is stored; if the store stays unreachable
 *       past a bounded retry window it throws {@link BrokerUnavailableException}.
 *   <li>A consumer holds what {@link #fetch} returned under a lease. A lease that expires makes
 *       the message deliverable again, counted as a redelivery; past {@link
 *       #maxRedeliveries()} the message goes to dead letters as poison.
 *   <li>Within a queue, lower priority numbers are delivered first, FIFO among equals.
 *   <li>A delayed message becomes deliverable at its eta.
 *   <li>Every operation that settles a delivery returns false, and changes nothing, when the
 *       caller's lease is no longer the current one.
 *   <li>A unique key is held from enqueue until the message is acked, dead-lettered, cancelled
 *       or purged; retries keep it.
 * </ul>
 *
 * <p>Implementations are thread-safe.
 */
public interface Broker extends AutoCloseable {

  /** Default for {@link #maxRedeliveries()}: leases lost this many times make a message poison. */
  int DEFAULT_MAX_REDELIVERIES = 5;

  /** Default time dead letters are kept. */
  Duration DEFAULT_DEAD_LETTER_RETENTION = Duration.ofDays(7);

  EnqueueReceipt enqueue(Envelope envelope);

  /**
   * Takes up to {@code max} deliverable messages of a queue, in priority order, under a lease of
   * {@code lease}. Waits up to {@code wait} when none is deliverable, and returns early as soon as
   * one is. Returns an empty list when nothing arrived in time.
   */
  List<Delivery> fetch(String queue, int max, Duration lease, Duration wait)
      throws InterruptedException;

  /** Pushes the lease's end to now + {@code lease}. False if the lease is no longer held. */
  boolean extendLease(Delivery delivery, Duration lease);

  /** The message is done: removes it and frees its unique key. */
  boolean ack(Delivery delivery);

  /** Puts the message back, delayed until {@code retry}'s eta, with its new body. */
  boolean retry(Delivery delivery, Envelope retry);

  /** Moves the message to dead letters with its last body and the reason. */
  boolean deadLetter(Delivery delivery, byte[] body, String reason);

  /** Hands the message back undone, deliverable at once, without counting a redelivery. */
  boolean release(Delivery delivery);

  /** Removes a ready or delayed message that no one holds. False if not found or held. */
  boolean cancel(String queue, String messageId);

  /** Looks up a ready or delayed message by id. */
  Optional<Envelope> find(String queue, String messageId);

  /** Dead letters of a queue, newest first, up to {@code limit}. */
  List<DeadLetter> deadLetters(String queue, int limit);

  /**
   * Moves a dead letter back to its queue, deliverable at once, stored with {@code body} (the
   * caller resets the retry count in it). False if no such dead letter.
   */
  boolean replay(String queue, String messageId, byte[] body);

  /** Deletes all dead letters of a queue; returns how many. */
  long purgeDeadLetters(String queue);

  /** Deletes every ready and delayed message of a queue (not those in flight); returns how many. */
  long purge(String queue);

  QueueFigures figures(String queue);

  /** Every queue that has held a message. */
  Set<String> queues();

  void publishHeartbeat(WorkerHeartbeat heartbeat, Duration ttl);

  List<WorkerHeartbeat> heartbeats();

  int maxRedeliveries();

  @Override
  void close();
}
