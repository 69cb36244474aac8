package io.echojobs.echo.cli;

import io.echojobs.jobs.worker.Pool;
import io.echojobs.jobs.worker.WorkerOptions;
import java.time.Duration;

/** Worker settings shared by the commands that run a worker inside them. */
final class ProcessOptions {

  private ProcessOptions() {}

  /** Both queues, with the defaults of the separate worker processes. */
  static WorkerOptions allInOneWorker() {
    return WorkerOptions.builder()
        .queue("network", Pool.NETWORK, 200)
        .queue("cpu", Pool.CPU, 1)
        .shutdownGrace(Duration.ofSeconds(10))
        .build();
  }
}
