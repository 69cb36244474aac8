package io.echojobs.echo.cli;

import io.echojobs.echo.app.EchoApplication;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one long-lived process kind: starts the application from the environment, starts the
 * process's parts, then waits until SIGTERM or Ctrl-C, which closes everything gracefully.
 */
final class ProcessRunner {

  private static final Logger log = LoggerFactory.getLogger(ProcessRunner.class);

  private ProcessRunner() {}

  @FunctionalInterface
  interface Parts {
    void start(EchoApplication application) throws Exception;
  }

  static int runUntilStopped(String kind, Parts parts) throws Exception {
    EchoApplication application =
        EchoApplication.start(System.getenv(), Path.of(""), Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(
        Thread.ofPlatform().name("echo-jobs-shutdown").unstarted(() -> {
          log.info("{} stopping (signal received)", kind);
          application.close();
          stopped.countDown();
        }));
    try {
      parts.start(application);
    } catch (Exception e) {
      application.close();
      throw e;
    }
    log.info("{} running; stop with SIGTERM or Ctrl-C", kind);
    stopped.await();
    return 0;
  }

  /** Warns when this process uses a broker that no other process can reach. */
  static void warnIfAlone(EchoApplication application) {
    if (application.settings().redisUrl().isEmpty()) {
      log.warn("REDIS_URL is not set: this process uses an in-memory broker that"
          + " no other process can reach; set REDIS_URL to share work between processes");
    }
  }
}
