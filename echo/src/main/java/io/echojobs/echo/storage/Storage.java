package io.echojobs.echo.storage;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's storage, opened once at start: the database of {@value
 * DatabaseUrl#VARIABLE} when it is set, otherwise an {@link EmbeddedDatabase} this process
 * starts in {@code <working directory>/}{@link EmbeddedDatabase#DEFAULT_DIRECTORY}. The schema is
 * migrated before {@link #start} returns. Closing it closes the pool and stops an embedded
 * server.
 *
 * <p>Hands out one instance of each repository; all are thread-safe.
 */
public final class Storage implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Storage.class);

  private final Database database;
  private final EmbeddedDatabase embedded;
  private final ProjectRepository projects;
  private final ConversationRepository conversations;
  private final ChunkRepository chunks;
  private final ProcessingStatusRepository statuses;
  private final CatchUpSelections catchUp;

  private Storage(Database database, EmbeddedDatabase embedded) {
    this.database = database;
    this.embedded = embedded;
    this.projects = new ProjectRepository(database.dataSource());
    this.conversations = new ConversationRepository(database.dataSource());
    this.chunks = new ChunkRepository(database.dataSource());
    this.statuses = new ProcessingStatusRepository(database.dataSource());
    this.catchUp = new CatchUpSelections(database.dataSource());
  }

  /**
   * Opens storage as the environment says.
   *
   * @param environment the process environment ({@code System.getenv()})
   * @param workingDirectory where the embedded server keeps its data when no URL is set
   * @throws InvalidDatabaseUrlException when {@value DatabaseUrl#VARIABLE} is set but unusable
   * @throws StorageException when the database cannot be reached, started or migrated
   */
  public static Storage start(Map<String, String> environment, Path workingDirectory) {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    String url = environment.get(DatabaseUrl.VARIABLE);
    if (url != null) {
      return new Storage(Database.open(DatabaseUrl.parse(url)), null);
    }
    Path dataDirectory = workingDirectory.resolve(EmbeddedDatabase.DEFAULT_DIRECTORY);
    log.info("{} not set: starting an embedded PostgreSQL in {}", DatabaseUrl.VARIABLE,
        dataDirectory);
    EmbeddedDatabase embedded = EmbeddedDatabase.start(dataDirectory);
    try {
      return new Storage(Database.open(embedded.url()), embedded);
    } catch (RuntimeException e) {
      embedded.close();
      throw e;
    }
  }

  /** Storage on a database that is already open (tests, tools); closing it closes that. */
  public static Storage open(Database database) {
    return new Storage(Objects.requireNonNull(database, "database"), null);
  }

  public Database database() {
    return database;
  }

  public ProjectRepository projects() {
    return projects;
  }

  public ConversationRepository conversations() {
    return conversations;
  }

  public ChunkRepository chunks() {
    return chunks;
  }

  public ProcessingStatusRepository statuses() {
    return statuses;
  }

  public CatchUpSelections catchUp() {
    return catchUp;
  }

  @Override
  public void close() {
    try {
      database.close();
    } finally {
      if (embedded != null) {
        embedded.close();
      }
    }
  }
}
