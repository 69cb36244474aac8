package io.echojobs.echo.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Records processing status events (a step starting, completing, failing) and reads them back.
 * The caller decides what a failed write means: a status row is a report, and losing one must
 * not fail the work it reports on. Thread-safe; throws {@link StorageException} on a database
 * failure.
 */
public final class ProcessingStatusRepository {

  private static final String COLUMNS =
      "id, conversation_id, chunk_id, event, message, duration_ms, parent_id, at";

  private final Jdbc jdbc;

  public ProcessingStatusRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * Stores the event at {@code at} and returns its id, to be given as the parent of the events
   * that complete it.
   */
  public long record(StatusEvent event, Instant at) {
    Objects.requireNonNull(event, "event");
    return jdbc.single(
        "record processing status",
        "INSERT INTO processing_status (conversation_id, chunk_id, event, message, duration_ms,"
            + " parent_id, at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        s -> {
          s.setObject(1, event.conversationId());
          Jdbc.setNullableUuid(s, 2, event.chunkId());
          s.setString(3, event.event());
          s.setString(4, event.message());
          if (event.duration() == null) {
            s.setNull(5, Types.BIGINT);
          } else {
            s.setLong(5, event.duration().toMillis());
          }
          if (event.parentId() == null) {
            s.setNull(6, Types.BIGINT);
          } else {
            s.setLong(6, event.parentId());
          }
          s.setTimestamp(7, Jdbc.timestamp(at));
        },
        row -> row.getLong("id"));
  }

  /** Every event of the conversation in the order they were recorded. */
  public List<ProcessingStatus> listByConversation(UUID conversationId) {
    Objects.requireNonNull(conversationId, "conversationId");
    return jdbc.list(
        "list processing status",
        "SELECT " + COLUMNS + " FROM processing_status WHERE conversation_id = ? ORDER BY id",
        s -> s.setObject(1, conversationId),
        ProcessingStatusRepository::status);
  }

  private static ProcessingStatus status(ResultSet row) throws SQLException {
    return new ProcessingStatus(
        row.getLong("id"),
        Jdbc.uuid(row, "conversation_id"),
        Jdbc.uuid(row, "chunk_id"),
        row.getString("event"),
        row.getString("message"),
        Jdbc.nullableLong(row, "duration_ms"),
        Jdbc.nullableLong(row, "parent_id"),
        Jdbc.instant(row, "at"));
  }
}
