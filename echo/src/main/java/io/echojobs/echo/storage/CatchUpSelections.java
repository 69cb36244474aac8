package io.echojobs.echo.storage;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The selections the catch-up jobs repair from; each checks one flag. They page through every
 * candidate in id order (see {@link PageRequest}) instead of taking the oldest few, so a
 * candidate that keeps failing cannot hide the others. Time comes from the caller's clock as
 * {@code now}; the SQL never reads the database's time. Deleted conversations are never
 * selected. A failed query throws {@link StorageException}; it is never an empty page.
 * Thread-safe.
 */
public final class CatchUpSelections {

  /** A conversation younger than this is left alone: its first chunks may be on their way. */
  public static final Duration MIN_CONVERSATION_AGE = Duration.ofMinutes(5);

  /** An open conversation with no chunk received for this long counts as abandoned. */
  public static final Duration DEFAULT_QUIET_PERIOD = Duration.ofMinutes(5);

  /** A chunk pending for this long has probably lost its transcription message. */
  public static final Duration DEFAULT_STUCK_AFTER = Duration.ofMinutes(15);

  private static final String NO_PENDING_CHUNK =
      "NOT EXISTS (SELECT 1 FROM conversation_chunk c WHERE c.conversation_id = v.id AND "
          + "c.transcript IS NULL AND c.error IS NULL)";

  private final Jdbc jdbc;

  public CatchUpSelections(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * L1: open conversations that no chunk reached for {@code quietPeriod} by server time (or that
   * never got one), created at least {@link #MIN_CONVERSATION_AGE} before {@code now}.
   */
  public Page<UUID> abandonedConversations(Instant now, Duration quietPeriod, PageRequest page) {
    Objects.requireNonNull(quietPeriod, "quietPeriod");
    Instant quietSince = Objects.requireNonNull(now, "now").minus(quietPeriod);
    return conversationIds(
        "select abandoned conversations",
        "NOT v.is_finished AND NOT EXISTS (SELECT 1 FROM conversation_chunk c"
            + " WHERE c.conversation_id = v.id AND c.received_at > ?)",
        now,
        page,
        s -> s.setTimestamp(1, Jdbc.timestamp(quietSince)));
  }

  /**
   * L2: finished conversations whose transcribed flag is still false although no chunk is
   * pending.
   */
  public Page<UUID> finishedButNotTranscribed(Instant now, PageRequest page) {
    return conversationIds(
        "select conversations to finalize",
        "v.is_finished AND NOT v.is_all_chunks_transcribed AND " + NO_PENDING_CHUNK,
        now,
        page);
  }

  /** L3: transcribed conversations without a summary. */
  public Page<UUID> transcribedButNotSummarized(Instant now, PageRequest page) {
    return conversationIds(
        "select conversations to summarize",
        "v.is_all_chunks_transcribed AND v.summary IS NULL",
        now,
        page);
  }

  /**
   * Transcribed conversations whose merged transcript was never stored: finalize set the flag
   * but the merge message was lost.
   */
  public Page<UUID> transcribedButNotMerged(Instant now, PageRequest page) {
    return conversationIds(
        "select conversations to merge",
        "v.is_all_chunks_transcribed AND v.merged_transcript IS NULL",
        now,
        page);
  }

  /** Transcribed conversations without a token count (never counted, or cleared since). */
  public Page<UUID> transcribedButNotCounted(Instant now, PageRequest page) {
    return conversationIds(
        "select conversations to count",
        "v.is_all_chunks_transcribed AND v.token_count IS NULL",
        now,
        page);
  }

  /**
   * Audio chunks of live conversations that no transcription answered (neither transcript nor
   * error) although they arrived more than {@code stuckAfter} before {@code now}: their message
   * was lost and transcription must be sent again.
   */
  public Page<PendingChunk> stuckChunks(Instant now, Duration stuckAfter, PageRequest page) {
    Objects.requireNonNull(stuckAfter, "stuckAfter");
    Objects.requireNonNull(page, "page");
    Instant receivedBefore = Objects.requireNonNull(now, "now").minus(stuckAfter);
    List<PendingChunk> rows =
        jdbc.list(
            "select stuck chunks",
            "SELECT c.id, c.conversation_id, c.attempts FROM conversation_chunk c"
                + " JOIN conversation v ON v.id = c.conversation_id"
                + " WHERE c.transcript IS NULL AND c.error IS NULL AND c.kind = 'audio'"
                + " AND c.received_at <= ? AND v.deleted_at IS NULL AND c.id > ?"
                + " ORDER BY c.id LIMIT ?",
            s -> {
              s.setTimestamp(1, Jdbc.timestamp(receivedBefore));
              s.setObject(2, page.after());
              s.setInt(3, page.limit() + 1);
            },
            row ->
                new PendingChunk(
                    Jdbc.uuid(row, "id"),
                    Jdbc.uuid(row, "conversation_id"),
                    row.getInt("attempts")));
    return Page.of(rows, page, PendingChunk::chunkId);
  }

  /**
   * Selects live conversations created at least {@link #MIN_CONVERSATION_AGE} before {@code now}
   * that match {@code condition}; the condition's own parameters bind first.
   */
  /** A selection whose condition has no parameters of its own. */
  private Page<UUID> conversationIds(
      String operation, String condition, Instant now, PageRequest page) {
    return conversationIds(operation, condition, now, page, s -> {});
  }

  private Page<UUID> conversationIds(
      String operation, String condition, Instant now, PageRequest page, Jdbc.Binder binder) {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(page, "page");
    int conditionParameters = (int) condition.chars().filter(c -> c == '?').count();
    List<UUID> rows =
        jdbc.list(
            operation,
            "SELECT v.id FROM conversation v WHERE " + condition
                + " AND v.deleted_at IS NULL AND v.created_at <= ? AND v.id > ?"
                + " ORDER BY v.id LIMIT ?",
            s -> {
              binder.bind(s);
              bindPage(s, conditionParameters + 1, now.minus(MIN_CONVERSATION_AGE), page);
            },
            row -> Jdbc.uuid(row, "id"));
    return Page.of(rows, page, id -> id);
  }

  private static void bindPage(
      PreparedStatement statement, int first, Instant createdBefore, PageRequest page)
      throws SQLException {
    statement.setTimestamp(first, Jdbc.timestamp(createdBefore));
    statement.setObject(first + 1, page.after());
    statement.setInt(first + 2, page.limit() + 1);
  }
}
