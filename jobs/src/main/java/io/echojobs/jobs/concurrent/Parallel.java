package io.echojobs.jobs.concurrent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs several blocking calls at once, each on its own virtual thread, and gathers their results
 * in the order the calls were given. This replaces the original system's asyncio helpers: actors
 * stay plain blocking code, and an actor that needs parallel I/O asks for it here.
 *
 * <p>Every method waits at most {@code timeout} in all; calls still running then are interrupted,
 * so a hung call cannot hold a worker slot until the actor's time limit.
 */
public final class Parallel {

  private Parallel() {}

  /**
   * Fail fast: returns every result, or throws the first failure (by completion time) after
   * interrupting the calls still running.
   *
   * @throws ParallelFailureException wrapping the first failure, or a timeout
   */
  public static <T> List<T> all(List<? extends Callable<T>> calls, Duration timeout)
      throws InterruptedException {
    Gathered<T> gathered = run(calls, timeout, true);
    if (gathered.firstFailure() != null) {
      throw new ParallelFailureException(
          "a parallel call failed: " + gathered.firstFailure(), gathered.firstFailure());
    }
    List<T> values = new ArrayList<>(gathered.results().size());
    for (Attempted<T> each : gathered.results()) {
      switch (each) {
        case Attempted.Ok<T>(T value) -> values.add(value);
        case Attempted.Err<T>(Throwable error) ->
            throw new ParallelFailureException("a parallel call failed: " + error, error);
      }
    }
    return values;
  }

  /**
   * Collects exceptions instead of failing: returns one {@link Attempted} per call, in order. A
   * call that did not finish in time is an {@link Attempted.Err} holding a {@link
   * TimeoutException}.
   */
  public static <T> List<Attempted<T>> settle(List<? extends Callable<T>> calls, Duration timeout)
      throws InterruptedException {
    return run(calls, timeout, false).results();
  }

  private static <T> Gathered<T> run(
      List<? extends Callable<T>> calls, Duration timeout, boolean failFast)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      ExecutorCompletionService<T> completion = new ExecutorCompletionService<>(executor);
      List<Future<T>> futures = new ArrayList<>(calls.size());
      for (Callable<T> call : calls) {
        futures.add(completion.submit(call));
      }
      Throwable firstFailure = null;
      for (int done = 0; done < calls.size(); done++) {
        long remaining = deadline - System.nanoTime();
        Future<T> finished = completion.poll(Math.max(0, remaining), TimeUnit.NANOSECONDS);
        if (finished == null) {
          break;
        }
        if (failFast && failed(finished)) {
          firstFailure = finished.exceptionNow();
          break;
        }
      }
      futures.forEach(f -> f.cancel(true));
      List<Attempted<T>> results = new ArrayList<>(futures.size());
      for (Future<T> future : futures) {
        results.add(outcomeOf(future, timeout));
      }
      return new Gathered<>(results, firstFailure);
    }
  }

  private static boolean failed(Future<?> future) {
    return future.state() == Future.State.FAILED;
  }

  private static <T> Attempted<T> outcomeOf(Future<T> future, Duration timeout) {
    return switch (future.state()) {
      case SUCCESS -> new Attempted.Ok<>(future.resultNow());
      case FAILED -> new Attempted.Err<>(future.exceptionNow());
      case CANCELLED, RUNNING ->
          new Attempted.Err<>(new TimeoutException("call did not finish within " + timeout));
    };
  }

  private record Gathered<T>(List<Attempted<T>> results, Throwable firstFailure) {}

  /** One call's outcome. */
  public sealed interface Attempted<T> {
    record Ok<T>(T value) implements Attempted<T> {}

    record Err<T>(Throwable error) implements Attempted<T> {}
  }

  /** A call of {@link #all} failed or timed out; the cause is the call's own failure. */
  public static final class ParallelFailureException extends io.echojobs.jobs.JobsException {
    public ParallelFailureException(String message, Throwable cause) {
      super(message, cause);
    }
  }

}
