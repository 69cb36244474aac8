package io.echojobs.jobs.broker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class CallBatcherTest {

  @Test
  void everyCallerGetsItsOwnAnswerAndCallsMadeTogetherShareBatches() throws Exception {
    ConcurrentLinkedQueue<Integer> batchSizes = new ConcurrentLinkedQueue<>();
    CallBatcher<Integer, Integer> batcher =
        new CallBatcher<>(
            batch -> {
              batchSizes.add(batch.size());
              sleepBriefly(); // a round trip, during which other calls pile up
              return batch.stream().map(n -> n * 2).toList();
            });
    int threads = 64;
    int callsEach = 200;

    List<CompletableFuture<Boolean>> callers = new ArrayList<>();
    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int t = 0; t < threads; t++) {
        int first = t * callsEach;
        callers.add(
            CompletableFuture.supplyAsync(
                () -> {
                  for (int n = first; n < first + callsEach; n++) {
                    if (call(batcher, n) != n * 2) {
                      return false;
                    }
                  }
                  return true;
                },
                executor));
      }
    }

    assertThat(callers).allSatisfy(caller -> assertThat(caller.join()).isTrue());
    assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(threads * callsEach);
    assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, CallBatcher.MAX_BATCH));
    assertThat(batchSizes.size()).isLessThan(threads * callsEach / 2);
  }

  @Test
  void aBatchStopsGrowingOnceItsItemsReachTheWeightLimit() throws Exception {
    ConcurrentLinkedQueue<Integer> batchSizes = new ConcurrentLinkedQueue<>();
    CallBatcher<Integer, Integer> batcher =
        new CallBatcher<>(
            batch -> {
              batchSizes.add(batch.size());
              sleepBriefly();
              return batch;
            },
            item -> 10,
            25);

    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int n = 0; n < 200; n++) {
        int item = n;
        executor.submit(() -> call(batcher, item));
      }
    }

    assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(200);
    assertThat(batchSizes).allSatisfy(size -> assertThat(size).isBetween(1, 3));
  }

  @Test
  void aFailedBatchFailsEveryCallInItWithItsError() throws Exception {
    CountDownLatch firstOnWire = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CallBatcher<Integer, Integer> batcher =
        new CallBatcher<>(
            batch -> {
              if (batch.contains(0)) {
                firstOnWire.countDown();
                await(release);
                return batch;
              }
              throw new IllegalStateException("server said no");
            });

    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      CompletableFuture<Integer> first =
          CompletableFuture.supplyAsync(() -> call(batcher, 0), executor);
      firstOnWire.await(10, TimeUnit.SECONDS);
      List<CompletableFuture<Integer>> later = new ArrayList<>();
      for (int n = 1; n <= 5; n++) {
        int item = n;
        later.add(CompletableFuture.supplyAsync(() -> call(batcher, item), executor));
      }
      release.countDown();

      assertThat(first.join()).isZero();
      for (CompletableFuture<Integer> each : later) {
        assertThatThrownBy(each::join).hasRootCauseMessage("server said no");
      }
    }
  }

  @Test
  void aCallerInterruptedWhileItsItemWaitsIsNotSentAndTheOthersStillAre() throws Exception {
    CountDownLatch firstOnWire = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ConcurrentLinkedQueue<Integer> sent = new ConcurrentLinkedQueue<>();
    CallBatcher<Integer, Integer> batcher =
        new CallBatcher<>(
            batch -> {
              sent.addAll(batch);
              if (batch.contains(0)) {
                firstOnWire.countDown();
                await(release);
              }
              return batch;
            });

    try (var executor = Executors.newVirtualThreadPerTaskExecutor()) {
      CompletableFuture<Integer> first =
          CompletableFuture.supplyAsync(() -> call(batcher, 0), executor);
      firstOnWire.await(10, TimeUnit.SECONDS);
      AtomicReference<Throwable> interruptedFailure = new AtomicReference<>();
      Thread interrupted =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      batcher.call(1);
                    } catch (InterruptedException e) {
                      interruptedFailure.set(e);
                    }
                  });
      CompletableFuture<Integer> other =
          CompletableFuture.supplyAsync(() -> call(batcher, 2), executor);
      Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> interrupted.getState() == Thread.State.WAITING);
      interrupted.interrupt();
      interrupted.join();
      release.countDown();

      assertThat(interruptedFailure.get()).isInstanceOf(InterruptedException.class);
      assertThat(first.join()).isZero();
      assertThat(other.join()).isEqualTo(2);
      assertThat(sent).containsExactlyInAnyOrder(0, 2);
    }
  }

  private static int call(CallBatcher<Integer, Integer> batcher, int item) {
    try {
      return batcher.call(item);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void sleepBriefly() {
    try {
      Thread.sleep(1); // stands for the wire; not a synchronisation
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
