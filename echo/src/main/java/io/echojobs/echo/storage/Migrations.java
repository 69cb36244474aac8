package io.echojobs.echo.storage;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema up to date with the SQL migrations on the class path ({@value
 * #LOCATION}, files {@code V<n>__<what>.sql}). Safe to run from several processes at once:
 * Flyway takes a PostgreSQL advisory lock, and a migration already applied is skipped.
 */
public final class Migrations {

  /** Where the migration scripts live on the class path. */
  public static final String LOCATION = "classpath:db/migration";

  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  /**
   * Applies every pending migration and returns how many were applied.
   *
   * @throws StorageException when a migration fails or the schema was changed by hand in a way
   *     that contradicts an applied migration
   */
  public static int apply(DataSource dataSource) {
    try {
      MigrateResult result =
          Flyway.configure()
              .dataSource(dataSource)
              .locations(LOCATION)
              .failOnMissingLocations(true)
              .load()
              .migrate();
      log.info(
          "schema migrated applied={} version={}",
          result.migrationsExecuted,
          result.targetSchemaVersion == null ? result.initialSchemaVersion
              : result.targetSchemaVersion);
      return result.migrationsExecuted;
    } catch (FlywayException e) {
      throw new StorageException("schema migration failed: " + e.getMessage(), e);
    }
  }
}
