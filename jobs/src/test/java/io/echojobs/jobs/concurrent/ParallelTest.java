package io.echojobs.jobs.concurrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ParallelTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  @Test
  void allRunsTheCallsAtOnceAndKeepsTheirOrder() throws Exception {
    int calls = 50;
    CountDownLatch everyoneStarted = new CountDownLatch(calls);
    List<Callable<Integer>> work =
        java.util.stream.IntStream.range(0, calls)
            .<Callable<Integer>>mapToObj(
                i ->
                    () -> {
                      everyoneStarted.countDown();
                      // Only returns once all calls run at the same time.
                      everyoneStarted.await();
                      return i * i;
                    })
            .toList();

    List<Integer> results = Parallel.all(work, WAIT);

    assertThat(results).hasSize(calls);
    assertThat(results.get(7)).isEqualTo(49);
  }

  @Test
  void allFailsFastAndInterruptsTheOthers() {
    AtomicInteger interrupted = new AtomicInteger();
    CountDownLatch never = new CountDownLatch(1);
    List<Callable<String>> work =
        List.of(
            () -> {
              try {
                never.await();
              } catch (InterruptedException e) {
                interrupted.incrementAndGet();
                throw e;
              }
              return "slow";
            },
            () -> {
              throw new IllegalStateException("upstream 503");
            });

    assertThatThrownBy(() -> Parallel.all(work, WAIT))
        .isInstanceOf(Parallel.ParallelFailureException.class)
        .hasRootCauseMessage("upstream 503");
    org.awaitility.Awaitility.await().atMost(WAIT).until(() -> interrupted.get() == 1);
  }

  @Test
  void settleCollectsFailuresAndTimeoutsBesideResults() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    List<Callable<String>> work =
        List.of(
            () -> "ok",
            () -> {
              throw new IllegalArgumentException("bad");
            },
            () -> {
              never.await();
              return "never";
            });

    List<Parallel.Attempted<String>> results = Parallel.settle(work, Duration.ofMillis(300));

    assertThat(results.get(0)).isEqualTo(new Parallel.Attempted.Ok<>("ok"));
    assertThat(((Parallel.Attempted.Err<String>) results.get(1)).error())
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(((Parallel.Attempted.Err<String>) results.get(2)).error())
        .isInstanceOf(TimeoutException.class);
  }

  @Test
  void computeRunsOnAPlatformThreadAndReturnsTheResult() throws Exception {
    try (ComputePool pool = new ComputePool(1)) {
      boolean[] ranOnVirtual = new boolean[1];

      long result = pool.compute(() -> {
        ranOnVirtual[0] = Thread.currentThread().isVirtual();
        return 6L * 7L;
      });

      assertThat(result).isEqualTo(42L);
      assertThat(ranOnVirtual[0]).isFalse();
    }
  }
}
