package io.echojobs.echo.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one PostgreSQL program ({@code initdb}, {@code pg_ctl}) and waits for it, as an
 * unprivileged user when this process is root, since PostgreSQL refuses to run as root. The
 * output goes to a temporary file rather than a pipe (a server started by {@code pg_ctl} must
 * not hold the JVM's pipe open) and is quoted in the exception when the program fails.
 */
final class PostgresCommand {

  /** The user the server runs as when this process is root. */
  static final String UNPRIVILEGED_USER = "nobody";

  /** The numeric id of {@link #UNPRIVILEGED_USER} and of its group on Debian and RHEL. */
  static final int UNPRIVILEGED_ID = 65534;

  private static final int OUTPUT_TAIL_CHARS = 2000;

  private PostgresCommand() {}

  /**
   * Runs {@code binaries/bin/<program> arguments...}.
   *
   * @throws StorageException when it exits non-zero or runs longer than {@code timeout}
   */
  static void run(Path binaries, String program, Duration timeout, List<String> arguments) {
    List<String> command = new ArrayList<>();
    if (runningAsRoot()) {
      command.addAll(
          List.of(
              "setpriv",
              "--reuid=" + UNPRIVILEGED_ID,
              "--regid=" + UNPRIVILEGED_ID,
              "--clear-groups"));
    }
    command.add(binaries.resolve("bin").resolve(program).toString());
    command.addAll(arguments);
    Path output = null;
    try {
      output = Files.createTempFile("echo-jobs-" + program, ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new StorageException(
            program + " did not finish within " + timeout + ": " + tail(output));
      }
      if (process.exitValue() != 0) {
        throw new StorageException(
            program + " failed with exit code " + process.exitValue() + ": " + tail(output));
      }
    } catch (IOException e) {
      throw new StorageException("cannot run " + program + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StorageException("interrupted while waiting for " + program, e);
    } finally {
      deleteQuietly(output);
    }
  }

  /** PostgreSQL checks the effective uid; on Linux /proc/self is owned by it. */
  static boolean runningAsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String tail(Path output) throws IOException {
    String text = Files.readString(output).strip();
    return text.length() <= OUTPUT_TAIL_CHARS
        ? text
        : "..." + text.substring(text.length() - OUTPUT_TAIL_CHARS);
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A leftover log file in the temporary directory is harmless.
    }
  }
}
