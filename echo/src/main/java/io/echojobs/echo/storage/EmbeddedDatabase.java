package io.echojobs.echo.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server that this process starts, for the embedded default when {@value
 * DatabaseUrl#VARIABLE} is not set. The server build is zonky's (a jar of PostgreSQL 14 binaries
 * for Linux x86-64, see {@link PostgresBinaries}); this class runs it with {@code initdb} and
 * {@code pg_ctl}. It listens on a free port of 127.0.0.1 only, with no Unix socket, trusts the
 * superuser {@value #SUPERUSER}, and is stopped by {@link #close} or, failing that, when the JVM
 * exits.
 *
 * <p>{@link #start(Path)} keeps its data in a directory across runs; {@link #startTemporary()}
 * uses a new temporary directory that {@code close} deletes.
 *
 * <p>PostgreSQL refuses to run as root. As root, the server therefore runs as the user {@value
 * PostgresCommand#UNPRIVILEGED_USER} (through {@code setpriv}): the data directory is handed to
 * that user, and every directory above it must be searchable by others.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  /** The data directory under the working directory when none is given. */
  public static final Path DEFAULT_DIRECTORY = Path.of(".echo-jobs", "pg");

  /** How long {@code initdb}, a start or a stop may take. */
  public static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

  /** The superuser the server trusts; also the name of the database used. */
  public static final String SUPERUSER = "postgres";

  private static final String LOOPBACK = "127.0.0.1";
  private static final String SERVER_LOG = "server.log";
  private static final String POSTMASTER_PID = "postmaster.pid";
  private static final int PID_FILE_PORT_LINE = 3;
  private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabase.class);

  private final Path binaries;
  private final Path dataDirectory;
  private final int port;
  private final boolean temporary;
  private final boolean owned;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final Thread stopAtExit;

  private EmbeddedDatabase(
      Path binaries, Path dataDirectory, int port, boolean temporary, boolean owned) {
    this.binaries = binaries;
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.temporary = temporary;
    this.owned = owned;
    this.stopAtExit = new Thread(this::stop, "echo-jobs-postgres-stop");
  }

  /**
   * Starts a server on {@code dataDirectory}, creating the cluster there on first use and
   * keeping it when closed. When a server already runs on that directory (another process's,
   * or one left by a process that was killed), it is used as it is and not stopped on close.
   *
   * @throws StorageException when the server cannot be set up or does not start; the message
   *     quotes PostgreSQL's own output
   */
  public static EmbeddedDatabase start(Path dataDirectory) {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    return start(dataDirectory.toAbsolutePath().normalize(), false);
  }

  /** Starts a server on a new temporary directory that is deleted when it is closed. */
  public static EmbeddedDatabase startTemporary() {
    try {
      Path parent = Files.createTempDirectory("echo-jobs-pg-");
      Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxr-xr-x"));
      return start(parent.resolve("data"), true);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary data directory", e);
    }
  }

  /** How to connect: {@code jdbc:postgresql://127.0.0.1:<port>/postgres} as the superuser. */
  public DatabaseUrl url() {
    return new DatabaseUrl(
        "jdbc:postgresql://" + LOOPBACK + ":" + port + "/" + SUPERUSER, SUPERUSER, null);
  }

  /** The cluster's data directory. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Stops the server (fast shutdown: sessions are cut, the data is consistent). Idempotent. */
  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(stopAtExit);
    } catch (IllegalStateException e) {
      // The JVM is already exiting, and the hook is stopping the server.
    }
  }

  private static EmbeddedDatabase start(Path dataDirectory, boolean temporary) {
    Path binaries = PostgresBinaries.unpacked();
    prepare(binaries, dataDirectory, temporary);
    OptionalInt running = runningPort(binaries, dataDirectory);
    if (running.isPresent()) {
      log.warn(
          "embedded PostgreSQL already running, using it and leaving it running port={}"
              + " dataDirectory={}",
          running.getAsInt(),
          dataDirectory);
      return new EmbeddedDatabase(binaries, dataDirectory, running.getAsInt(), false, false);
    }
    int port = freePort();
    PostgresCommand.run(
        binaries,
        "pg_ctl",
        COMMAND_TIMEOUT,
        List.of(
            "start",
            "-D", dataDirectory.toString(),
            "-l", dataDirectory.resolve(SERVER_LOG).toString(),
            "-w",
            "-t", String.valueOf(COMMAND_TIMEOUT.toSeconds()),
            "-o", serverOptions(port, temporary)));
    EmbeddedDatabase database =
        new EmbeddedDatabase(binaries, dataDirectory, port, temporary, true);
    Runtime.getRuntime().addShutdownHook(database.stopAtExit);
    log.info(
        "embedded PostgreSQL started port={} dataDirectory={} temporary={}",
        port,
        dataDirectory,
        temporary);
    return database;
  }

  /** Creates the cluster unless the directory holds one already. */
  private static void prepare(Path binaries, Path dataDirectory, boolean temporary) {
    try {
      Files.createDirectories(dataDirectory);
      if (PostgresCommand.runningAsRoot()) {
        handToUnprivilegedUser(dataDirectory);
      }
    } catch (IOException e) {
      throw new StorageException("cannot prepare the data directory " + dataDirectory, e);
    }
    if (Files.exists(dataDirectory.resolve("PG_VERSION"))) {
      return;
    }
    List<String> arguments =
        Stream.concat(
                Stream.of(
                    "-D", dataDirectory.toString(),
                    "-U", SUPERUSER,
                    "-A", "trust",
                    "-E", "UTF8",
                    "--no-locale"),
                temporary ? Stream.of("--no-sync") : Stream.empty())
            .toList();
    PostgresCommand.run(binaries, "initdb", COMMAND_TIMEOUT, arguments);
    log.info("embedded PostgreSQL cluster created dataDirectory={}", dataDirectory);
  }

  private static void handToUnprivilegedUser(Path dataDirectory) throws IOException {
    UserPrincipal user =
        dataDirectory
            .getFileSystem()
            .getUserPrincipalLookupService()
            .lookupPrincipalByName(PostgresCommand.UNPRIVILEGED_USER);
    try (Stream<Path> paths = Files.walk(dataDirectory)) {
      for (Path path : paths.toList()) {
        Files.setOwner(path, user);
      }
    }
  }

  /**
   * Options for the {@code postgres} process, as one string that {@code pg_ctl} hands to a
   * shell: the port, loopback only, no Unix socket, UTC, and no fsync for a throwaway cluster.
   */
  private static String serverOptions(int port, boolean temporary) {
    String options = "-p " + port + " -h " + LOOPBACK + " -k '' -c timezone=UTC";
    return temporary ? options + " -c fsync=off -c synchronous_commit=off" : options;
  }

  /**
   * The port of a server running on the directory, read from its {@code postmaster.pid} (line
   * 4) once {@code pg_ctl status} confirms the process is alive; empty when none runs.
   */
  private static OptionalInt runningPort(Path binaries, Path dataDirectory) {
    Path pidFile = dataDirectory.resolve(POSTMASTER_PID);
    if (!Files.exists(pidFile)) {
      return OptionalInt.empty();
    }
    try {
      PostgresCommand.run(
          binaries, "pg_ctl", COMMAND_TIMEOUT, List.of("status", "-D", dataDirectory.toString()));
    } catch (StorageException notRunning) {
      return OptionalInt.empty();
    }
    try {
      List<String> lines = Files.readAllLines(pidFile);
      return OptionalInt.of(Integer.parseInt(lines.get(PID_FILE_PORT_LINE).strip()));
    } catch (IOException | RuntimeException e) {
      throw new StorageException(
          "a server runs on " + dataDirectory + " but its port cannot be read from " + pidFile,
          e);
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new StorageException("cannot find a free port on " + LOOPBACK, e);
    }
  }

  private void stop() {
    if (!owned || stopped.getAndSet(true)) {
      return;
    }
    try {
      PostgresCommand.run(
          binaries,
          "pg_ctl",
          COMMAND_TIMEOUT,
          List.of("stop", "-D", dataDirectory.toString(), "-m", "fast", "-w"));
      log.info("embedded PostgreSQL stopped port={} dataDirectory={}", port, dataDirectory);
    } finally {
      if (temporary) {
        PostgresBinaries.deleteTree(dataDirectory.getParent());
      }
    }
  }
}
