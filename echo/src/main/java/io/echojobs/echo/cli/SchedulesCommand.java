package io.echojobs.echo.cli;

import io.echojobs.echo.app.EchoApplication;
import io.echojobs.jobs.schedule.ScheduleStatus;
import io.echojobs.jobs.schedule.Scheduler;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code ./echo-jobs schedules [list | pause ID | resume ID | run-now ID]}: looks at and steers
 * the schedules through their shared state (Redis), which the running schedulers read.
 */
@Command(
    name = "schedules",
    mixinStandardHelpOptions = true,
    description = "List the schedules (next and last fire, misfires), or pause, resume or run one"
        + " now: schedules [list | pause ID | resume ID | run-now ID].")
final class SchedulesCommand implements Callable<Integer> {

  @Parameters(index = "0", defaultValue = "list", description = "list, pause, resume or run-now")
  String action;

  @Parameters(index = "1", arity = "0..1", description = "the schedule id")
  String scheduleId;

  @Override
  public Integer call() throws Exception {
    PrintStream out = System.out;
    try (EchoApplication application =
        EchoApplication.start(System.getenv(), Path.of(""), Clock.systemUTC())) {
      ProcessRunner.warnIfAlone(application);
      Scheduler scheduler = application.scheduler(null);
      switch (action) {
        case "list" -> print(out, scheduler);
        case "pause" -> scheduler.pause(required());
        case "resume" -> scheduler.resume(required());
        case "run-now" -> out.println("sent message " + scheduler.runNow(required()));
        default -> throw new IllegalArgumentException(
            "action: '" + action + "' is not one of list, pause, resume, run-now");
      }
      return 0;
    }
  }

  private String required() {
    if (scheduleId == null) {
      throw new IllegalArgumentException(action + " needs a schedule id; see 'schedules list'");
    }
    return scheduleId;
  }

  private static void print(PrintStream out, Scheduler scheduler) {
    out.printf("%-38s %-8s %-22s %-22s %s%n", "schedule", "state", "next fire", "last fire",
        "misfires");
    for (ScheduleStatus status : scheduler.list()) {
      String state = !status.enabled() ? "disabled" : status.paused() ? "paused" : "active";
      out.printf("%-38s %-8s %-22s %-22s %d%n", status.id(), state,
          status.nextFire() == null ? "-" : status.nextFire(),
          status.lastFire() == null ? "-" : status.lastFire(), status.misfires());
    }
  }
}
