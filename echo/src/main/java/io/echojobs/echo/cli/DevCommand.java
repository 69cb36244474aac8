package io.echojobs.echo.cli;

import io.echojobs.echo.api.ApiServer;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/**
 * {@code ./echo-jobs dev}: everything in one JVM (worker, scheduler, API) on the embedded default
 * or on what the environment names. Without {@code ECHO_API_TOKEN} it makes one up and prints it.
 */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = "Run worker, scheduler and HTTP API in one process.")
final class DevCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    return ProcessRunner.runUntilStopped("dev", application -> {
      String token = application.settings().apiToken().orElseGet(() -> {
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
      });
      application.startWorker(ProcessOptions.allInOneWorker());
      application.startScheduler(null);
      ApiServer api = application.startApi(application.settings().apiPort(), token);
      if (application.settings().apiToken().isEmpty()) {
        System.out.printf("API on http://localhost:%d  token (ECHO_API_TOKEN unset): %s%n",
            api.port(), token);
      }
    });
  }
}
