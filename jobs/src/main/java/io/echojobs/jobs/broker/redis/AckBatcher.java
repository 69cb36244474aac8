package io.echojobs.jobs.broker.redis;

import io.echojobs.jobs.broker.BrokerUnavailableException;
import io.echojobs.jobs.broker.Delivery;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Combines the acks of one queue that arrive while another is on the wire into one script call, so
 * a busy worker pays one round trip and one script run for many messages while a lone ack still
 * goes out at once (no timer, no added wait).
 *
 * <p>An acking thread adds its delivery to {@code pending}; whichever thread wins {@code flushing}
 * sends everything pending, at most {@link #MAX_BATCH} at a time, until nothing is left, and
 * completes each caller's future. The others wait on their future. The flag is cleared before the
 * final look at {@code pending}, so a delivery added meanwhile is never stranded. Thread-safe.
 */
final class AckBatcher {

  /** The most acks one script call carries. */
  static final int MAX_BATCH = 256;

  private final Function<List<Delivery>, List<Boolean>> sendBatch;
  private final Queue<Pending> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushing = new AtomicBoolean();

  /**
   * @param sendBatch acks deliveries of one queue in one call and answers, in order, whether each
   *     token was current; a failure fails every ack of that batch
   */
  AckBatcher(Function<List<Delivery>, List<Boolean>> sendBatch) {
    this.sendBatch = sendBatch;
  }

  /**
   * Acks {@code delivery} alone or with others; returns whether its lease token was current.
   *
   * @throws BrokerUnavailableException when the batch it went with failed
   * @throws InterruptedException when interrupted while another thread sends its batch
   */
  boolean ack(Delivery delivery) throws InterruptedException {
    Pending mine = new Pending(delivery, new CompletableFuture<>());
    pending.add(mine);
    flushWhilePending();
    try {
      return mine.acked().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new BrokerUnavailableException("ack failed message_id=" + delivery.messageId(), e);
    }
  }

  private void flushWhilePending() {
    while (!pending.isEmpty() && flushing.compareAndSet(false, true)) {
      // Another caller's interrupt must not fail the acks it sends for everyone else.
      boolean interrupted = Thread.interrupted();
      try {
        flushOnce();
      } finally {
        flushing.set(false);
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  private void flushOnce() {
    List<Pending> batch = new ArrayList<>();
    Pending next;
    while (batch.size() < MAX_BATCH && (next = pending.poll()) != null) {
      batch.add(next);
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      List<Boolean> acked = sendBatch.apply(batch.stream().map(Pending::delivery).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).acked().complete(acked.get(i));
      }
    } catch (RuntimeException e) {
      batch.forEach(each -> each.acked().completeExceptionally(e));
    }
  }

  private record Pending(Delivery delivery, CompletableFuture<Boolean> acked) {}
}
