package io.echojobs.echo.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./echo-jobs scheduler}: runs the cron table (it only enqueues). Any number may run
 * against one Redis; a lease keeps one active.
 */
@Command(
    name = "scheduler",
    mixinStandardHelpOptions = true,
    description = "Run the scheduler: enqueue each due tick of the catch-up table.")
final class SchedulerCommand implements Callable<Integer> {

  @Option(
      names = "--overrides",
      description = "A properties file overriding schedules: schedule.<id>.cron=..., "
          + "schedule.<id>.enabled=false, ...")
  Path overrides;

  @Override
  public Integer call() throws Exception {
    return ProcessRunner.runUntilStopped("scheduler", application -> {
      ProcessRunner.warnIfAlone(application);
      application.startScheduler(overrides);
    });
  }
}
