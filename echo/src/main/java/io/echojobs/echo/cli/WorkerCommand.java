package io.echojobs.echo.cli;

import io.echojobs.jobs.worker.Pool;
import io.echojobs.jobs.worker.QueueSettings;
import io.echojobs.jobs.worker.WorkerOptions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./echo-jobs worker}: consumes queues until SIGTERM or Ctrl-C, then stops gracefully
 * (running messages get the grace period, the rest is handed back).
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = "Run a worker that consumes the given queues until stopped (SIGTERM, Ctrl-C).")
final class WorkerCommand implements Callable<Integer> {

  @Option(
      names = "--queues",
      split = ",",
      defaultValue = "network,cpu",
      description = "Queues to consume, comma-separated (default: ${DEFAULT-VALUE}).")
  List<String> queues;

  @Option(
      names = "--concurrency",
      defaultValue = "200",
      description = "Messages run at once per network queue, on virtual threads (default: "
          + "${DEFAULT-VALUE}).")
  int concurrency;

  @Option(
      names = "--cpu-concurrency",
      defaultValue = "1",
      description = "Platform threads for the 'cpu' queue (default: ${DEFAULT-VALUE}).")
  int cpuConcurrency;

  @Option(
      names = "--shutdown-grace",
      defaultValue = "PT30S",
      description = "How long running messages may finish after SIGTERM (ISO-8601, default: "
          + "${DEFAULT-VALUE}).")
  Duration shutdownGrace;

  @Option(
      names = "--lease",
      defaultValue = "PT30S",
      description = "How long a fetched message stays this worker's before the broker hands it"
          + " to another if this worker dies (ISO-8601, default: ${DEFAULT-VALUE}).")
  Duration lease;

  @Override
  public Integer call() throws Exception {
    WorkerOptions.Builder options =
        WorkerOptions.builder().shutdownGrace(shutdownGrace).lease(lease);
    for (String queue : queues) {
      if (QueueSettings.CPU_QUEUE.equals(queue)) {
        options.queue(queue, Pool.CPU, cpuConcurrency);
      } else {
        options.queue(queue, Pool.NETWORK, concurrency);
      }
    }
    WorkerOptions built = options.build();
    return ProcessRunner.runUntilStopped("worker", application -> {
      ProcessRunner.warnIfAlone(application);
      application.startWorker(built);
    });
  }
}
