package io.echojobs.jobs.broker.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * Combines the calls of one kind on one queue (enqueues, acks) that arrive while another is on the
 * wire into one script call, so a busy producer or worker pays one round trip and one script run
 * for many messages, while a lone call still goes out at once (no timer, no added wait).
 *
 * <p>A calling thread adds its item to {@code pending}; whichever thread wins {@code flushing}
 * sends what is pending (at most {@link #MAX_BATCH} items) and completes each caller's output. A
 * caller flushes only until its own item is done, so no caller works for others for long; when it
 * lets go of {@code flushing} it wakes the owner of the oldest pending item, who takes over. A
 * caller that cannot flush parks until its item is done or it is woken to take over. Thread-safe.
 *
 * @param <I> what one caller sends
 * @param <O> what that caller gets back
 */
final class CallBatcher<I, O> {

  /** The most items one script call carries. */
  static final int MAX_BATCH = 256;

  private final Function<List<I>, List<O>> sendBatch;
  private final ToLongFunction<I> weight;
  private final long maxWeight;
  private final Queue<Pending<I, O>> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushing = new AtomicBoolean();

  /**
   * @param sendBatch sends items in one call and answers one output per item, in order; a
   *     RuntimeException it throws fails every call of that batch with that exception
   */
  CallBatcher(Function<List<I>, List<O>> sendBatch) {
    this(sendBatch, item -> 0, Long.MAX_VALUE);
  }

  /**
   * A batcher whose batches also stop growing once their items weigh {@code maxWeight} (e.g.
   * bytes), so one call never carries more than that plus one item.
   */
  CallBatcher(Function<List<I>, List<O>> sendBatch, ToLongFunction<I> weight, long maxWeight) {
    this.sendBatch = sendBatch;
    this.weight = weight;
    this.maxWeight = maxWeight;
  }

  /**
   * Sends {@code item} alone or with others and returns its own output.
   *
   * @throws RuntimeException what the batch it went with failed with
   * @throws InterruptedException when interrupted before its item was taken for sending (it is then
   *     not sent); an interrupt after that waits for the answer and keeps the flag set
   */
  O call(I item) throws InterruptedException {
    Pending<I, O> mine = new Pending<>(item, Thread.currentThread(), new CompletableFuture<>());
    pending.add(mine);
    boolean interruptedWhileSent = false;
    while (!mine.output().isDone()) {
      if (flushing.compareAndSet(false, true)) {
        flushOnceAndHandOver();
      } else {
        LockSupport.park(this);
        if (Thread.interrupted()) {
          if (pending.remove(mine)) {
            wakeOldest();
            throw new InterruptedException("interrupted before the call was sent");
          }
          interruptedWhileSent = true; // already on the wire: wait for its answer
        }
      }
    }
    if (interruptedWhileSent) {
      Thread.currentThread().interrupt();
    }
    return outcome(mine.output());
  }

  private void flushOnceAndHandOver() {
    // Lettuce's blocking call would fail at once on this caller's interrupt, and with it
    // everyone else's items: the flag is put back afterwards instead.
    boolean interrupted = Thread.interrupted();
    try {
      flushOnce();
    } finally {
      flushing.set(false);
      wakeOldest();
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void flushOnce() {
    List<Pending<I, O>> batch = new ArrayList<>();
    long batchWeight = 0;
    Pending<I, O> next;
    while (batch.size() < MAX_BATCH && batchWeight < maxWeight && (next = pending.poll()) != null) {
      batch.add(next);
      batchWeight += weight.applyAsLong(next.item());
    }
    if (batch.isEmpty()) {
      return;
    }
    try {
      List<O> outputs = sendBatch.apply(batch.stream().map(Pending::item).toList());
      for (int i = 0; i < batch.size(); i++) {
        batch.get(i).output().complete(outputs.get(i));
      }
    } catch (RuntimeException e) {
      batch.forEach(each -> each.output().completeExceptionally(e));
    } finally {
      batch.forEach(each -> LockSupport.unpark(each.owner()));
    }
  }

  /** Wakes the owner of the oldest pending item to flush it (it may find someone else did). */
  private void wakeOldest() {
    Pending<I, O> oldest = pending.peek();
    if (oldest != null) {
      LockSupport.unpark(oldest.owner());
    }
  }

  private static <O> O outcome(CompletableFuture<O> output) {
    return switch (output.state()) {
      case SUCCESS -> output.resultNow();
      case FAILED ->
          throw output.exceptionNow() instanceof RuntimeException failure
              ? failure
              : new IllegalStateException("batched call failed", output.exceptionNow());
      case RUNNING, CANCELLED -> throw new IllegalStateException("batched call not finished");
    };
  }

  private record Pending<I, O>(I item, Thread owner, CompletableFuture<O> output) {}
}
