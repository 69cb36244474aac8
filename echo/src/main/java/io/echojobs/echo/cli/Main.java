package io.echojobs.echo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ./echo-jobs} command line: one launcher, one subcommand per process kind. */
@Command(
    name = "echo-jobs",
    mixinStandardHelpOptions = true,
    version = "echo-jobs 0.1.0",
    description = "Background jobs of the echo conversation platform.",
    subcommands = {
      WorkerCommand.class,
      SchedulerCommand.class,
      SchedulesCommand.class,
      ApiCommand.class,
      DevCommand.class,
      DemoCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
