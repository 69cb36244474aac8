package io.echojobs.jobs.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import redis.embedded.core.ExecutableProvider;

/**
 * A {@code redis-server} process of a test's own, for fault tests that must kill and restart the
 * server: the binary on PATH, else the one shipped in embedded-redis. It listens on one port for
 * its whole life, so clients reconnect to the same address after {@link #restart}. Not thread-safe;
 * one test drives it.
 */
public final class RedisServerProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

  private final int port;
  private final List<String> args;
  private final Path log;
  private Process process;

  private RedisServerProcess(int port, List<String> args, Path log) {
    this.port = port;
    this.args = List.copyOf(args);
    this.log = log;
  }

  /**
   * Starts a server on a free port with extra arguments, e.g. {@code --appendonly yes --appendfsync
   * always --dir /tmp/x}; waits until it answers PING.
   */
  public static RedisServerProcess start(String... extraArgs) {
    try {
      Path log = Files.createTempFile("redis-server-", ".log");
      RedisServerProcess server =
          new RedisServerProcess(TestRedis.freePort(), List.of(extraArgs), log);
      server.launch();
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  /** Kills the server at once (SIGKILL): nothing is flushed beyond what fsync already did. */
  public void kill() {
    process.destroyForcibly();
    waitForExit();
  }

  /** Starts the server again on the same port and waits until it answers PING. */
  public void restart() {
    if (process.isAlive()) {
      throw new IllegalStateException("server still running on port " + port);
    }
    launch();
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      kill();
    }
  }

  private void launch() {
    List<String> command = new ArrayList<>();
    command.add(binary());
    command.add("--port");
    command.add(Integer.toString(port));
    command.add("--bind");
    command.add("127.0.0.1");
    command.add("--save");
    command.add("");
    command.addAll(args);
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command, e);
    }
    Awaitility.await("redis-server on port " + port + " answers (log " + log + ")")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> TestRedis.answersPing("127.0.0.1", port));
  }

  private void waitForExit() {
    try {
      if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
        throw new IllegalStateException("redis-server on port " + port + " did not exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping redis-server", e);
    }
  }

  private static String binary() {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      Path candidate = Path.of(dir, "redis-server");
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    try {
      return ExecutableProvider.newJarResourceProvider().get().getAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException("no redis-server on PATH and none in embedded-redis", e);
    }
  }
}
