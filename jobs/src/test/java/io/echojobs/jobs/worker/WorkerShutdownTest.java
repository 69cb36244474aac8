package io.echojobs.jobs.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.broker.Delivery;
import io.echojobs.jobs.broker.WorkerHeartbeat;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkerShutdownTest {

  private static final String QUEUE = "network";

  private final Jobs jobs = Jobs.builder().build();

  @AfterEach
  void closeJobs() {
    jobs.close();
  }

  @Test
  void aStoppingWorkerHandsBackWhatItDidNotFinishWithoutCountingARetry() throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    AtomicInteger started = new AtomicInteger();
    Actor<Task> blocking =
        jobs.declare(
            ActorOptions.builder("blocking").queue(QUEUE).build(),
            Task.class,
            task -> {
              started.incrementAndGet();
              never.await();
            });
    WorkerOptions options =
        WorkerOptions.builder()
            .queue(new QueueSettings(QUEUE, Pool.NETWORK, 2, 3))
            .shutdownGrace(Duration.ofMillis(200))
            .build();
    Worker worker = jobs.startWorker(options);
    for (int i = 0; i < 10; i++) {
      blocking.send(new Task(i));
    }
    await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 2);

    worker.close();

    assertThat(jobs.broker().figures(QUEUE).inFlight()).isZero();
    assertThat(jobs.broker().figures(QUEUE).ready()).isEqualTo(10);
    List<Delivery> again = jobs.broker().fetch(QUEUE, 10, Duration.ofSeconds(30), Duration.ZERO);
    assertThat(again).allSatisfy(d -> assertThat(d.redeliveries()).isZero());
    assertThat(again)
        .allSatisfy(d -> assertThat(jobs.codec().decode(d.envelope().body()).options().retries())
            .isZero());
    assertThat(liveThreadsNamed("echo-jobs-fetch-")).isZero();
  }

  @Test
  void aRunningWorkerPublishesAHeartbeatAndRemovesItWhenItStops() {
    WorkerOptions options =
        WorkerOptions.builder()
            .queue(QueueSettings.defaultsFor(QUEUE))
            .heartbeatInterval(Duration.ofMillis(50))
            .build();
    Worker worker = jobs.startWorker(options);

    await().atMost(Duration.ofSeconds(10))
        .until(() -> jobs.broker().heartbeats().stream()
            .anyMatch(h -> h.workerId().equals(worker.id())));
    WorkerHeartbeat beat = jobs.broker().heartbeats().getFirst();
    assertThat(beat.queues()).containsEntry(QUEUE, QueueSettings.DEFAULT_NETWORK_CONCURRENCY);
    assertThat(beat.pid()).isEqualTo(ProcessHandle.current().pid());
    worker.close();

    await().atMost(Duration.ofSeconds(10)).until(() -> jobs.broker().heartbeats().isEmpty());
  }

  private static long liveThreadsNamed(String prefix) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
        .count();
  }

  record Task(int number) {}
}
