package io.echojobs.echo.cli;

import io.echojobs.echo.app.EchoSettings;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code ./echo-jobs api}: the HTTP API; needs {@code ECHO_API_TOKEN}. */
@Command(
    name = "api",
    mixinStandardHelpOptions = true,
    description = "Run the HTTP API (port from ECHO_API_PORT, token from ECHO_API_TOKEN).")
final class ApiCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    return ProcessRunner.runUntilStopped("api", application -> {
      ProcessRunner.warnIfAlone(application);
      String token = application.settings().apiToken().orElseThrow(() ->
          new EchoSettings.InvalidSettingsException(java.util.List.of(
              EchoSettings.API_TOKEN + ": required by the api command (at least "
                  + EchoSettings.MIN_API_TOKEN_LENGTH + " characters)")));
      application.startApi(application.settings().apiPort(), token);
    });
  }
}
