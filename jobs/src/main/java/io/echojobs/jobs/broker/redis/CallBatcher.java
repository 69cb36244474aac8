package io.echojobs.jobs.broker.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * Combines the calls of one kind on one queue (enqueues, acks) that arrive while another is on the
 * wire into one script call, so a busy producer or worker pays one round trip and one script run
 * for many messages, while a lone call still goes out at once (no timer, no added wait).
 *
 * <p>A calling thread adds its item to {@code pending}; whichever thread wins {@code flushing}
 * sends everything pending, at most {@link #MAX_BATCH} at a time, until nothing is left, and
 * completes each caller's future. The others wait on their future. The flag is cleared before the
 * next look at {@code pending}, so an item added meanwhile is never stranded. Thread-safe.
 *
 * @param <I> what one caller sends
 * @param <O> what that caller gets back
 */
final class CallBatcher<I, O> {

  /** The most items one script call carries. */
  static final int MAX_BATCH = 256;

  private final Function<List<I>, List<O>> sendBatch;
  private final Queue<Pending<I, O>> pending = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean flushing = new AtomicBoolean();

  /**
   * @param sendBatch sends items in one call and answers one output per item, in order; a
   *     RuntimeException it throws fails every call of that batch with that exception
   */
  CallBatcher(Function<List<I>, List<O>> sendBatch) {
    this.sendBatch = sendBatch;
  }

  /**
   * Sends {@code item} alone or with others and returns its own output.
   *
   * @throws RuntimeException what the batch it went with failed with
   * @throws InterruptedException when interrupted while another thread sends its batch (the item
   *     may have been sent all the same)
   */
  O call(I item) throws InterruptedException {
    Pending<I, O> mine = new Pending<>(item, new CompletableFuture<>());
    pending.add(mine);
    flushWhilePending();
    try {
      return mine.output().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new IllegalStateException("batched call failed", e.getCause());
    }
  }

  private void flushWhilePending() {
    while (!pending.isEmpty() && flushing.compareAndSet(false, true)) {
      // Another caller's interrupt must not fail the calls it sends for everyone else.
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
    List<Pending<I, O>> batch = new ArrayList<>();
    Pending<I, O> next;
    while (batch.size() < MAX_BATCH && (next = pending.poll()) != null) {
      batch.add(next);
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
    }
  }

  private record Pending<I, O>(I item, CompletableFuture<O> output) {}
}
