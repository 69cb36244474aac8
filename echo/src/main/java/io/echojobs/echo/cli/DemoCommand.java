package io.echojobs.echo.cli;

import io.echojobs.echo.app.EchoApplication;
import io.echojobs.echo.demo.DemoRun;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ./echo-jobs demo}: the whole pipeline in one JVM on the embedded default (in-memory
 * broker, embedded PostgreSQL, offline providers; or what the environment names). Exits 0 when
 * every conversation ended finished, transcribed and summarized, 1 otherwise.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run a dozen text conversations through the whole pipeline and print them.")
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--conversations", defaultValue = "12", description = "Conversations to create.")
  int conversations;

  @Option(names = "--chunks", defaultValue = "6", description = "Text chunks per conversation.")
  int chunks;

  @Option(names = "--timeout", defaultValue = "PT120S", description = "Give up after this long.")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    quietLogsUnlessAsked();
    PrintStream out = System.out;
    long started = System.nanoTime();
    out.println("starting: in-process worker and scheduler, database, offline providers...");
    try (EchoApplication application =
        EchoApplication.start(System.getenv(), Path.of(""), Clock.systemUTC())) {
      application.startWorker(ProcessOptions.allInOneWorker());
      application.startScheduler(null);
      int summarized = new DemoRun(application, out).run(conversations, chunks, timeout);
      double seconds = (System.nanoTime() - started) / 1e9;
      out.printf("%d of %d conversations summarized in %.1f s%n",
          summarized, conversations, seconds);
      return summarized == conversations ? 0 : 1;
    }
  }

  /** The demo's output is its table; lifecycle INFO lines would bury it. */
  private static void quietLogsUnlessAsked() {
    if (System.getenv("ECHO_JOBS_LOG_LEVEL") == null
        && org.slf4j.LoggerFactory.getLogger("io.echojobs")
            instanceof ch.qos.logback.classic.Logger logger) {
      logger.setLevel(ch.qos.logback.classic.Level.WARN);
    }
  }
}
