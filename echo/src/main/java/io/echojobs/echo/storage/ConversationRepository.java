package io.echojobs.echo.storage;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Creates and reads conversations and moves their flags. Each flag write is one compare-and-set
 * statement: it changes the row only from the expected state, so it is idempotent and two
 * concurrent callers cannot both see {@code true} ("this call changed it").
 *
 * <p>Writes to a conversation that is missing or soft-deleted throw {@link
 * ConversationNotFoundException}; a database failure throws {@link StorageException}.
 * Thread-safe.
 */
public final class ConversationRepository {

  static final String COLUMNS =
      "id, project_id, created_at, updated_at, deleted_at, is_finished, finished_at,"
          + " is_all_chunks_transcribed, summary, title, duration_seconds, merged_transcript,"
          + " token_count, is_anonymized, source, participant_name";

  /** Matches the conversations a write may touch: the one asked for, not deleted. */
  private static final String LIVE = "id = ? AND deleted_at IS NULL";

  private final Jdbc jdbc;

  public ConversationRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * Stores a new, open conversation created at {@code now}. It copies the project's
   * anonymisation setting.
   *
   * @throws ProjectNotFoundException when the project does not exist
   */
  public Conversation create(NewConversation conversation, Instant now) {
    Objects.requireNonNull(conversation, "conversation");
    return jdbc.first(
            "create conversation",
            "INSERT INTO conversation (project_id, created_at, updated_at, is_anonymized, source,"
                + " title, participant_name)"
                + " SELECT p.id, ?, ?, p.anonymize_transcripts, ?, ?, ? FROM project p"
                + " WHERE p.id = ? RETURNING " + COLUMNS,
            s -> {
              s.setTimestamp(1, Jdbc.timestamp(now));
              s.setTimestamp(2, Jdbc.timestamp(now));
              s.setString(3, conversation.source());
              s.setString(4, conversation.title());
              s.setString(5, conversation.participantName());
              s.setObject(6, conversation.projectId());
            },
            ConversationRepository::conversation)
        .orElseThrow(() -> new ProjectNotFoundException(conversation.projectId()));
  }

  /** The conversation with its flags, deleted or not; empty when there is none. */
  public Optional<Conversation> find(UUID id) {
    Objects.requireNonNull(id, "id");
    return jdbc.first(
        "find conversation",
        "SELECT " + COLUMNS + " FROM conversation WHERE id = ?",
        s -> s.setObject(1, id),
        ConversationRepository::conversation);
  }

  /**
   * Sets {@code is_finished} (and {@code finished_at}) unless it is already set.
   *
   * @return whether this call finished it; false when it was finished already
   */
  public boolean markFinished(UUID id, Instant now) {
    return compareAndSet(
        "mark conversation finished",
        id,
        "is_finished = true, finished_at = ?, updated_at = ?",
        "NOT is_finished",
        now);
  }

  /**
   * Sets {@code is_all_chunks_transcribed}, only on a finished conversation with no pending
   * chunk (checked in the same statement).
   *
   * @return whether this call set it; false when it was set already, the conversation is not
   *     finished, or a chunk is still pending
   */
  public boolean markAllChunksTranscribed(UUID id, Instant now) {
    return compareAndSet(
        "mark all chunks transcribed",
        id,
        "is_all_chunks_transcribed = true, updated_at = ?",
        "is_finished AND NOT is_all_chunks_transcribed AND NOT EXISTS (SELECT 1"
            + " FROM conversation_chunk c WHERE c.conversation_id = conversation.id"
            + " AND c.transcript IS NULL AND c.error IS NULL)",
        now);
  }

  /**
   * Stores the summary unless one is stored already: the first summary wins.
   *
   * @param summary the summary; must not be empty
   * @return whether this call stored it
   */
  public boolean storeSummaryIfAbsent(UUID id, String summary, Instant now) {
    Objects.requireNonNull(summary, "summary");
    if (summary.isBlank()) {
      throw new IllegalArgumentException("summary: must not be blank");
    }
    return compareAndSet(
        "store summary", id, "summary = ?, updated_at = ?", "summary IS NULL", now,
        Jdbc.withoutNul(summary));
  }

  /** Replaces the title. */
  public void storeTitle(UUID id, String title, Instant now) {
    Objects.requireNonNull(title, "title");
    compareAndSet("store title", id, "title = ?, updated_at = ?", "true", now, title);
  }

  /** Replaces the merged transcript (the chunks' transcripts joined in order). */
  public void storeMergedTranscript(UUID id, String mergedTranscript, Instant now) {
    Objects.requireNonNull(mergedTranscript, "mergedTranscript");
    compareAndSet(
        "store merged transcript",
        id,
        "merged_transcript = ?, updated_at = ?",
        "true",
        now,
        Jdbc.withoutNul(mergedTranscript));
  }

  /** Replaces the duration of the merged audio. */
  public void storeDuration(UUID id, Duration duration, Instant now) {
    Objects.requireNonNull(duration, "duration");
    if (duration.isNegative()) {
      throw new IllegalArgumentException("duration: must not be negative: " + duration);
    }
    compareAndSet(
        "store duration",
        id,
        "duration_seconds = ?, updated_at = ?",
        "true",
        now,
        duration.toNanos() / 1e9);
  }

  /**
   * Stores the token count unless one is stored already (a transcript change clears it).
   *
   * @return whether this call stored it
   */
  public boolean storeTokenCountIfAbsent(UUID id, int tokenCount, Instant now) {
    if (tokenCount < 0) {
      throw new IllegalArgumentException("tokenCount: must not be negative: " + tokenCount);
    }
    return compareAndSet(
        "store token count", id, "token_count = ?, updated_at = ?", "token_count IS NULL", now,
        tokenCount);
  }

  /**
   * Soft-deletes the conversation: every selection and write skips it from now on.
   *
   * @return whether this call deleted it; false when it was deleted already or never existed
   */
  public boolean markDeleted(UUID id, Instant now) {
    Objects.requireNonNull(id, "id");
    return jdbc.update(
            "delete conversation",
            "UPDATE conversation SET deleted_at = ?, updated_at = ? WHERE " + LIVE,
            s -> {
              s.setTimestamp(1, Jdbc.timestamp(now));
              s.setTimestamp(2, Jdbc.timestamp(now));
              s.setObject(3, id);
            })
        == 1;
  }

  /**
   * Runs {@code UPDATE conversation SET <assignments> WHERE <live> AND <expected>} in one
   * statement that also tells whether the conversation exists. {@code leading} values bind
   * first, then one timestamp per {@code ?} left in the assignments, then the id.
   */
  private boolean compareAndSet(
      String operation,
      UUID id,
      String assignments,
      String expected,
      Instant now,
      Object... leading) {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(now, "now");
    long timestamps = assignments.chars().filter(c -> c == '?').count() - leading.length;
    String sql =
        "WITH target AS (SELECT id FROM conversation WHERE " + LIVE + "),"
            + " changed AS (UPDATE conversation SET " + assignments
            + " WHERE " + LIVE + " AND " + expected + " RETURNING id)"
            + " SELECT EXISTS (SELECT 1 FROM target) AS found,"
            + " EXISTS (SELECT 1 FROM changed) AS changed";
    FlagWrite result =
        jdbc.single(
            operation,
            sql,
            s -> {
              int index = 1;
              s.setObject(index++, id);
              for (Object value : leading) {
                s.setObject(index++, value);
              }
              for (long t = 0; t < timestamps; t++) {
                s.setTimestamp(index++, Jdbc.timestamp(now));
              }
              s.setObject(index, id);
            },
            row -> new FlagWrite(row.getBoolean("found"), row.getBoolean("changed")));
    if (!result.found()) {
      throw new ConversationNotFoundException(id);
    }
    return result.changed();
  }

  /** Whether the conversation was there, and whether the statement changed it. */
  private record FlagWrite(boolean found, boolean changed) {}

  static Conversation conversation(ResultSet row) throws SQLException {
    return new Conversation(
        Jdbc.uuid(row, "id"),
        Jdbc.uuid(row, "project_id"),
        Jdbc.instant(row, "created_at"),
        Jdbc.instant(row, "updated_at"),
        Jdbc.instant(row, "deleted_at"),
        row.getBoolean("is_finished"),
        Jdbc.instant(row, "finished_at"),
        row.getBoolean("is_all_chunks_transcribed"),
        row.getString("summary"),
        row.getString("title"),
        Jdbc.nullableDouble(row, "duration_seconds"),
        row.getString("merged_transcript"),
        Jdbc.nullableInt(row, "token_count"),
        row.getBoolean("is_anonymized"),
        row.getString("source"),
        row.getString("participant_name"));
  }
}
