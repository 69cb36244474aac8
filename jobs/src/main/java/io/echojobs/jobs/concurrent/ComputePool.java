package io.echojobs.jobs.concurrent;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * A bounded pool of platform threads for compute-heavy work called from a network actor. A
 * virtual thread that computes for long holds its carrier and starves the other network
 * messages; handing the work here keeps carriers free while the caller waits.
 *
 * <p>The shared pool has one thread per available processor. Callers block (cheaply, on a virtual
 * thread) until their work ran; an interrupted caller cancels its work.
 */
public final class ComputePool implements AutoCloseable {

  private static final ComputePool SHARED =
      new ComputePool(Runtime.getRuntime().availableProcessors());

  private final ExecutorService executor;

  public ComputePool(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1, was " + threads);
    }
    this.executor =
        Executors.newFixedThreadPool(
            threads, Thread.ofPlatform().daemon().name("echo-jobs-compute-", 0).factory());
  }

  public static ComputePool shared() {
    return SHARED;
  }

  /** Runs {@code work} on a pool thread and returns its result; its failure is rethrown as is. */
  public <T> T compute(Callable<T> work) throws Exception {
    Future<T> future = executor.submit(work);
    try {
      return future.get();
    } catch (InterruptedException e) {
      future.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
