package io.echojobs.echo.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Runs one SQL statement on a pooled connection in auto-commit and maps its rows. Every {@link
 * SQLException} becomes a {@link StorageException} that names the operation, so a failed query
 * is never mistaken for an empty result.
 *
 * <p>Thread-safe: it holds only the data source.
 */
final class Jdbc {

  /** Binds the parameters of a prepared statement. */
  @FunctionalInterface
  interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  /** Maps the current row of a result set. */
  @FunctionalInterface
  interface RowMapper<T> {
    T map(ResultSet row) throws SQLException;
  }

  /** Work done on one connection inside a transaction. */
  @FunctionalInterface
  interface TransactionWork<T> {
    T run(Connection connection) throws SQLException;
  }

  private final DataSource dataSource;

  Jdbc(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
  }

  /** Every row the statement returns, in its order. */
  <T> List<T> list(String operation, String sql, Binder binder, RowMapper<T> mapper) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      try (ResultSet rows = statement.executeQuery()) {
        List<T> result = new ArrayList<>();
        while (rows.next()) {
          result.add(mapper.map(rows));
        }
        return result;
      }
    } catch (SQLException e) {
      throw failed(operation, e);
    }
  }

  /** The first row, or empty when the statement returned none. */
  <T> Optional<T> first(String operation, String sql, Binder binder, RowMapper<T> mapper) {
    List<T> rows = list(operation, sql, binder, mapper);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.getFirst());
  }

  /** The only row of a statement that always returns exactly one. */
  <T> T single(String operation, String sql, Binder binder, RowMapper<T> mapper) {
    List<T> rows = list(operation, sql, binder, mapper);
    if (rows.size() != 1) {
      throw new StorageException(operation + ": expected one row, got " + rows.size());
    }
    return rows.getFirst();
  }

  /** Runs an insert, update or delete without a result set; returns the rows changed. */
  int update(String operation, String sql, Binder binder) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      binder.bind(statement);
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw failed(operation, e);
    }
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws
   * (a {@link StorageException} it throws passes through unchanged). The pool restores
   * auto-commit when the connection is returned.
   */
  <T> T inTransaction(String operation, TransactionWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        rollback(connection, e);
        throw e;
      }
    } catch (SQLException e) {
      throw failed(operation, e);
    }
  }

  /** Rolls back; a failure to do so is attached to the error that caused it, not thrown. */
  private static void rollback(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  static Timestamp timestamp(Instant instant) {
    return Timestamp.from(Objects.requireNonNull(instant, "instant"));
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp value = row.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  static UUID uuid(ResultSet row, String column) throws SQLException {
    return row.getObject(column, UUID.class);
  }

  static void setNullableUuid(PreparedStatement statement, int index, UUID value)
      throws SQLException {
    if (value == null) {
      statement.setNull(index, Types.OTHER);
    } else {
      statement.setObject(index, value);
    }
  }

  static Integer nullableInt(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }

  static Long nullableLong(ResultSet row, String column) throws SQLException {
    long value = row.getLong(column);
    return row.wasNull() ? null : value;
  }

  static Double nullableDouble(ResultSet row, String column) throws SQLException {
    double value = row.getDouble(column);
    return row.wasNull() ? null : value;
  }

  /** PostgreSQL text cannot hold NUL; transcripts from models sometimes contain it. */
  static String withoutNul(String text) {
    return text == null ? null : text.replace("\u0000", "");
  }

  private static StorageException failed(String operation, SQLException e) {
    return new StorageException(
        operation + " failed: " + e.getMessage() + " (sqlstate=" + e.getSQLState() + ")", e);
  }
}
