package io.echojobs.jobs.worker;

import static org.awaitility.Awaitility.await;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.ActorOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PinningMonitorTest {

  @Test
  void aVirtualThreadPinnedByAnActorIsCountedUnderThatActor() {
    try (Jobs jobs = Jobs.builder().build()) {
      jobs.declare(
          ActorOptions.builder("slow_class_init").build(),
          String.class,
          s -> {
            // Blocking inside a class initializer still pins a virtual thread on JDK 25.
            SlowToInitialize.touch();
          });
      try (Worker worker = jobs.startWorker(WorkerOptions.forQueues("network"))) {
        var actor = jobs.registry().find("slow_class_init").orElseThrow();
        jobs.send(jobs.newMessage(actor.options(), "x"));

        await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> jobs.pinningMonitor().pinnedByActor().getOrDefault("slow_class_init", 0L)
                >= 1);
      }
    }
  }

  static final class SlowToInitialize {
    static {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    static void touch() {}
  }
}
