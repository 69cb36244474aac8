package io.echojobs.echo.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of connections to one PostgreSQL database whose schema is up to date: {@link #open}
 * connects, fails at once when the server cannot be reached, and runs the migrations before it
 * returns. Closing it closes the pool.
 *
 * <p>Thread-safe; share one per process.
 */
public final class Database implements AutoCloseable {

  /** Connections kept open at most; the network pool's virtual threads queue for them. */
  public static final int DEFAULT_MAX_CONNECTIONS = 10;

  /** The fewest connections allowed: migrations hold one for their lock and work on another. */
  public static final int MIN_CONNECTIONS = 2;

  /** How long a caller waits for a free connection before the call fails. */
  public static final Duration DEFAULT_CONNECTION_TIMEOUT = Duration.ofSeconds(10);

  private static final String POOL_NAME = "echo-db";
  private static final Logger log = LoggerFactory.getLogger(Database.class);

  private final HikariDataSource dataSource;
  private final DatabaseUrl url;

  private Database(HikariDataSource dataSource, DatabaseUrl url) {
    this.dataSource = dataSource;
    this.url = url;
  }

  /** Opens the database with the default pool size and migrates its schema. */
  public static Database open(DatabaseUrl url) {
    return open(url, DEFAULT_MAX_CONNECTIONS);
  }

  /**
   * Opens a pool of at most {@code maxConnections} connections and migrates the schema.
   *
   * @param maxConnections at least {@value #MIN_CONNECTIONS}
   * @throws StorageException naming {@value DatabaseUrl#VARIABLE} and the (masked) URL when the
   *     server cannot be reached or refuses the credentials, or when a migration fails
   */
  public static Database open(DatabaseUrl url, int maxConnections) {
    Objects.requireNonNull(url, "url");
    if (maxConnections < MIN_CONNECTIONS) {
      throw new IllegalArgumentException(
          "maxConnections: must be at least " + MIN_CONNECTIONS + ": " + maxConnections);
    }
    HikariDataSource dataSource = connect(url, maxConnections);
    try {
      Migrations.apply(dataSource);
    } catch (RuntimeException e) {
      dataSource.close();
      throw e;
    }
    log.info("database ready url={} maxConnections={}", url, maxConnections);
    return new Database(dataSource, url);
  }

  /** The pooled data source the repositories use. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** Where this database is (credentials masked in its {@code toString}). */
  public DatabaseUrl url() {
    return url;
  }

  @Override
  public void close() {
    dataSource.close();
    log.info("database closed url={}", url);
  }

  private static HikariDataSource connect(DatabaseUrl url, int maxConnections) {
    HikariConfig config = new HikariConfig();
    config.setPoolName(POOL_NAME);
    config.setJdbcUrl(url.jdbcUrl());
    if (url.user() != null) {
      config.setUsername(url.user());
    }
    if (url.password() != null) {
      config.setPassword(url.password());
    }
    config.setMaximumPoolSize(maxConnections);
    config.setMinimumIdle(1);
    config.setConnectionTimeout(DEFAULT_CONNECTION_TIMEOUT.toMillis());
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new StorageException(
          "cannot connect to the database of "
              + DatabaseUrl.VARIABLE
              + " ("
              + url
              + "): "
              + cause.getMessage(),
          e);
    }
  }
}
