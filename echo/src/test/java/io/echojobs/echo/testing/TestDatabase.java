package io.echojobs.echo.testing;

import io.echojobs.echo.storage.Database;
import io.echojobs.echo.storage.DatabaseUrl;
import io.echojobs.echo.storage.EmbeddedDatabase;
import io.echojobs.echo.storage.Storage;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A fresh, empty PostgreSQL database for one test class, dropped on close, so that test runs in
 * parallel (or left over from a crash) never see each other's rows.
 *
 * <p>The server is, in this order: the one of {@code DATABASE_URL} when it is set (its user
 * needs CREATEDB); the machine's local PostgreSQL at {@code 127.0.0.1:5432} as user {@code
 * postgres} when it answers; else an embedded PostgreSQL started once for the whole test JVM.
 */
public final class TestDatabase implements AutoCloseable {

  /** The local server of the project's machines: trust authentication, database {@code test}. */
  public static final DatabaseUrl LOCAL_SERVER =
      new DatabaseUrl("jdbc:postgresql://127.0.0.1:5432/test", "postgres", null);

  private static final String NAME_PREFIX = "echo_test_";
  private static final int CONNECT_TIMEOUT_SECONDS = 2;

  private static DatabaseUrl server;
  private static EmbeddedDatabase embedded;

  private final String name;
  private final DatabaseUrl url;
  private final List<AutoCloseable> opened = new ArrayList<>();

  private TestDatabase(String name, DatabaseUrl url) {
    this.name = name;
    this.url = url;
  }

  /** Creates a new empty database (no schema) on the test server. */
  public static TestDatabase create() {
    DatabaseUrl serverUrl = server();
    String name = NAME_PREFIX + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    execute(serverUrl, "CREATE DATABASE " + name);
    return new TestDatabase(name, serverUrl.withDatabase(name));
  }

  /** Where the database is. */
  public DatabaseUrl url() {
    return url;
  }

  /** The database's name ({@code echo_test_<random>}). */
  /** This database as a {@code DATABASE_URL} value, credentials included. */
  public String environmentValue() {
    DatabaseUrl url = url();
    StringBuilder value = new StringBuilder(url.jdbcUrl());
    char separator = url.jdbcUrl().contains("?") ? '&' : '?';
    if (url.user() != null) {
      value.append(separator).append("user=").append(url.user());
      separator = '&';
    }
    if (url.password() != null) {
      value.append(separator).append("password=").append(url.password());
    }
    return value.toString();
  }

  public String name() {
    return name;
  }

  /** A data source of single connections to the database, with no pool and no migration. */
  public DataSource unpooledDataSource() {
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setURL(url.jdbcUrl());
    if (url.user() != null) {
      dataSource.setUser(url.user());
    }
    if (url.password() != null) {
      dataSource.setPassword(url.password());
    }
    return dataSource;
  }

  /** Opens a pool on the database and migrates it; closed with this object. */
  public Database open() {
    Database database = Database.open(url, 4);
    opened.add(database);
    return database;
  }

  /** Storage on a newly opened, migrated pool; closed with this object. */
  public Storage storage() {
    return Storage.open(open());
  }

  /** Runs one SQL statement on the database outside the application's pool. */
  public void execute(String sql) {
    execute(url, sql);
  }

  /** Closes what was opened on it and drops the database, disconnecting anyone left. */
  @Override
  public void close() throws Exception {
    for (AutoCloseable closeable : opened) {
      closeable.close();
    }
    execute(server(), "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private static synchronized DatabaseUrl server() {
    if (server == null) {
      server = chooseServer();
    }
    return server;
  }

  private static DatabaseUrl chooseServer() {
    String fromEnvironment = System.getenv(DatabaseUrl.VARIABLE);
    if (fromEnvironment != null) {
      return DatabaseUrl.parse(fromEnvironment);
    }
    if (answers(LOCAL_SERVER)) {
      return LOCAL_SERVER;
    }
    // Shared by every test class of the JVM; it stops itself when the JVM exits.
    embedded = EmbeddedDatabase.startTemporary();
    return embedded.url();
  }

  private static boolean answers(DatabaseUrl candidate) {
    try (Connection ignored = connect(candidate)) {
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  private static void execute(DatabaseUrl target, String sql) {
    try (Connection connection = connect(target);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("test database: " + sql + " failed on " + target, e);
    }
  }

  private static Connection connect(DatabaseUrl target) throws SQLException {
    Properties properties = new Properties();
    if (target.user() != null) {
      properties.setProperty("user", target.user());
    }
    if (target.password() != null) {
      properties.setProperty("password", target.password());
    }
    properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    return DriverManager.getConnection(target.jdbcUrl(), properties);
  }
}
