package io.echojobs.echo.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Adds chunks to conversations and records what their transcription produced.
 *
 * <p>Adding a chunk is one statement that first updates the conversation row, only while it is
 * open and not deleted, and inserts the chunk only when that update matched. The row lock makes
 * it atomic against {@link ConversationRepository#markFinished}: a chunk either lands before the
 * finish or is refused with {@link ConversationFinishedException}, and a refused chunk writes
 * nothing.
 *
 * <p>Every method throws {@link StorageException} when the database fails. Thread-safe.
 */
public final class ChunkRepository {

  private static final String COLUMNS =
      "id, conversation_id, kind, client_timestamp, received_at, transcript, error,"
          + " error_recoverable, attempts, processed_at";

  private static final String INSERT_PART =
      "INSERT INTO conversation_chunk (conversation_id, kind, client_timestamp, received_at,"
          + " audio, audio_content_type, split_from) VALUES (?, 'audio', ?, ?, ?, ?, ?)"
          + " RETURNING " + COLUMNS;

  /** Pending means no transcription answered yet: neither transcript nor error. */
  static final String PENDING = "transcript IS NULL AND error IS NULL";

  private final Jdbc jdbc;

  public ChunkRepository(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  /**
   * Adds a typed-text chunk; its text is its transcript, so it is never pending. Clears the
   * conversation's cached token count.
   *
   * @param clientTimestamp the time the client gave the chunk
   * @param receivedAt the server time it arrived
   * @throws ConversationFinishedException when the conversation is finished (nothing written)
   * @throws ConversationNotFoundException when it is missing or deleted
   */
  public Chunk addTextChunk(
      UUID conversationId, String text, Instant clientTimestamp, Instant receivedAt) {
    Objects.requireNonNull(text, "text");
    return insert(conversationId, ChunkKind.TEXT, Jdbc.withoutNul(text), null,
        clientTimestamp, receivedAt);
  }

  /**
   * Adds an audio chunk, pending until a transcription answers.
   *
   * @throws ConversationFinishedException when the conversation is finished (nothing written)
   * @throws ConversationNotFoundException when it is missing or deleted
   */
  public Chunk addAudioChunk(
      UUID conversationId, ChunkAudio audio, Instant clientTimestamp, Instant receivedAt) {
    Objects.requireNonNull(audio, "audio");
    return insert(conversationId, ChunkKind.AUDIO, null, audio, clientTimestamp, receivedAt);
  }

  /** The chunk, without its audio; empty when there is none. */
  public Optional<Chunk> find(UUID chunkId) {
    Objects.requireNonNull(chunkId, "chunkId");
    return jdbc.first(
        "find chunk",
        "SELECT " + COLUMNS + " FROM conversation_chunk WHERE id = ?",
        s -> s.setObject(1, chunkId),
        ChunkRepository::chunk);
  }

  /** The audio of an audio chunk; empty for a text chunk or when the chunk does not exist. */
  public Optional<ChunkAudio> audio(UUID chunkId) {
    Objects.requireNonNull(chunkId, "chunkId");
    return jdbc.first(
        "read chunk audio",
        "SELECT audio_content_type, audio FROM conversation_chunk"
            + " WHERE id = ? AND audio IS NOT NULL",
        s -> s.setObject(1, chunkId),
        row -> new ChunkAudio(row.getString("audio_content_type"), row.getBytes("audio")));
  }

  /** Every chunk of the conversation, without page limit, in client time order (then id). */
  public List<Chunk> listByConversation(UUID conversationId) {
    Objects.requireNonNull(conversationId, "conversationId");
    return jdbc.list(
        "list chunks",
        "SELECT " + COLUMNS + " FROM conversation_chunk WHERE conversation_id = ?"
            + " ORDER BY client_timestamp, id",
        s -> s.setObject(1, conversationId),
        ChunkRepository::chunk);
  }

  /**
   * Counts the conversation's chunks by state in one query over all of them. An error counts
   * first, then a transcript, as in {@link Chunk#state()}. A missing conversation has zero.
   */
  public ChunkCounts counts(UUID conversationId) {
    Objects.requireNonNull(conversationId, "conversationId");
    return jdbc.single(
        "count chunks",
        "SELECT count(*) FILTER (WHERE " + PENDING + ") AS pending,"
            + " count(*) FILTER (WHERE error IS NULL AND transcript IS NOT NULL) AS ok,"
            + " count(*) FILTER (WHERE error IS NOT NULL) AS error"
            + " FROM conversation_chunk WHERE conversation_id = ?",
        s -> s.setObject(1, conversationId),
        row -> new ChunkCounts(row.getLong("pending"), row.getLong("ok"), row.getLong("error")));
  }

  /**
   * Counts the start of a transcription attempt.
   *
   * @return the attempts begun, this one included
   * @throws ChunkNotFoundException when the chunk does not exist
   */
  public int beginAttempt(UUID chunkId) {
    Objects.requireNonNull(chunkId, "chunkId");
    return jdbc.first(
            "begin transcription attempt",
            "UPDATE conversation_chunk SET attempts = attempts + 1 WHERE id = ?"
                + " RETURNING attempts",
            s -> s.setObject(1, chunkId),
            row -> row.getInt("attempts"))
        .orElseThrow(() -> new ChunkNotFoundException(chunkId));
  }

  /**
   * Stores the transcript and clears any earlier error, so a retry that succeeds leaves the
   * chunk OK. NUL characters are dropped. Clears the conversation's cached token count in the
   * same statement.
   *
   * @throws ChunkNotFoundException when the chunk does not exist
   */
  public void recordTranscript(UUID chunkId, String transcript, Instant now) {
    Objects.requireNonNull(chunkId, "chunkId");
    Objects.requireNonNull(transcript, "transcript");
    boolean found =
        jdbc.single(
            "record transcript",
            "WITH chunk AS (UPDATE conversation_chunk SET transcript = ?, error = NULL,"
                + " error_recoverable = false, processed_at = ? WHERE id = ?"
                + " RETURNING conversation_id),"
                + " conversation AS (UPDATE conversation SET token_count = NULL, updated_at = ?"
                + " WHERE id IN (SELECT conversation_id FROM chunk) RETURNING id)"
                + " SELECT EXISTS (SELECT 1 FROM chunk) AS found",
            s -> {
              s.setString(1, Jdbc.withoutNul(transcript));
              s.setTimestamp(2, Jdbc.timestamp(now));
              s.setObject(3, chunkId);
              s.setTimestamp(4, Jdbc.timestamp(now));
            },
            row -> row.getBoolean("found"));
    if (!found) {
      throw new ChunkNotFoundException(chunkId);
    }
  }

  /**
   * Stores an audio chunk's uncorrected transcript; the chunk stays pending until {@link
   * #recordTranscript} writes the corrected one.
   *
   * @throws ChunkNotFoundException when the chunk does not exist
   */
  public void recordRawTranscript(UUID chunkId, String rawTranscript) {
    Objects.requireNonNull(chunkId, "chunkId");
    Objects.requireNonNull(rawTranscript, "rawTranscript");
    jdbc.first(
            "record raw transcript",
            "UPDATE conversation_chunk SET raw_transcript = ? WHERE id = ? RETURNING id",
            s -> {
              s.setString(1, Jdbc.withoutNul(rawTranscript));
              s.setObject(2, chunkId);
            },
            row -> row.getObject("id"))
        .orElseThrow(() -> new ChunkNotFoundException(chunkId));
  }

  /** The parts a chunk was split into that are still pending, in order. */
  public List<Chunk> pendingPartsOf(UUID originalChunkId) {
    Objects.requireNonNull(originalChunkId, "originalChunkId");
    return jdbc.list(
        "list pending parts",
        "SELECT " + COLUMNS + " FROM conversation_chunk WHERE split_from = ? AND " + PENDING
            + " ORDER BY client_timestamp, id",
        s -> s.setObject(1, originalChunkId),
        ChunkRepository::chunk);
  }

  /** The uncorrected transcript of an audio chunk, if transcription produced one. */
  public Optional<String> rawTranscript(UUID chunkId) {
    Objects.requireNonNull(chunkId, "chunkId");
    return jdbc.first(
        "read raw transcript",
        "SELECT raw_transcript FROM conversation_chunk WHERE id = ? AND raw_transcript IS NOT NULL",
        s -> s.setObject(1, chunkId),
        row -> row.getString("raw_transcript"));
  }

  /**
   * Stores a transcription error on a chunk that has no transcript. A chunk already transcribed
   * keeps its transcript and gets no error: a late failure of a duplicate attempt must not undo
   * a success.
   *
   * @param recoverable whether the conversation may go on without this chunk for good
   * @return whether the error was stored
   * @throws ChunkNotFoundException when the chunk does not exist
   */
  public boolean recordError(UUID chunkId, String error, boolean recoverable, Instant now) {
    Objects.requireNonNull(chunkId, "chunkId");
    Objects.requireNonNull(error, "error");
    Boolean stored =
        jdbc.first(
                "record chunk error",
                "WITH target AS (SELECT id FROM conversation_chunk WHERE id = ?),"
                    + " changed AS (UPDATE conversation_chunk SET error = ?,"
                    + " error_recoverable = ?, processed_at = ?"
                    + " WHERE id = ? AND transcript IS NULL RETURNING id)"
                    + " SELECT EXISTS (SELECT 1 FROM changed) AS stored FROM target",
                s -> {
                  s.setObject(1, chunkId);
                  s.setString(2, Jdbc.withoutNul(error));
                  s.setBoolean(3, recoverable);
                  s.setTimestamp(4, Jdbc.timestamp(now));
                  s.setObject(5, chunkId);
                },
                row -> row.getBoolean("stored"))
            .orElseThrow(() -> new ChunkNotFoundException(chunkId));
    return stored;
  }

  /**
   * Replaces a pending audio chunk by its parts in one transaction: either every part is
   * stored and the original is gone, or nothing changed. The parts are pending audio chunks of
   * the same conversation, received when the original was; they are added even when the
   * conversation has been finished since, because they replace audio it already had.
   *
   * <p>A retry after a committed split finds no original and gets {@link
   * ChunkNotFoundException}: the parts exist, and a part whose transcription message was lost
   * is found by {@link CatchUpSelections#stuckChunks}.
   *
   * @param parts at least one part, in order
   * @return the stored parts, in the order given
   * @throws ChunkNotFoundException when the chunk does not exist (already split, or never was)
   * @throws StorageException when the chunk is not a pending audio chunk
   */
  public List<Chunk> split(UUID chunkId, List<AudioPart> parts) {
    Objects.requireNonNull(chunkId, "chunkId");
    Objects.requireNonNull(parts, "parts");
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("parts: must not be empty");
    }
    return jdbc.inTransaction("split chunk", connection -> {
      Chunk original = lockForSplit(connection, chunkId);
      List<Chunk> stored = new ArrayList<>();
      try (PreparedStatement insert = connection.prepareStatement(INSERT_PART)) {
        for (AudioPart part : parts) {
          insert.setObject(1, original.conversationId());
          insert.setTimestamp(2, Jdbc.timestamp(original.clientTimestamp().plus(part.offset())));
          insert.setTimestamp(3, Jdbc.timestamp(original.receivedAt()));
          insert.setBytes(4, part.audio().bytes());
          insert.setString(5, part.audio().contentType());
          insert.setObject(6, chunkId);
          try (ResultSet row = insert.executeQuery()) {
            row.next();
            stored.add(chunk(row));
          }
        }
      }
      try (PreparedStatement delete =
          connection.prepareStatement("DELETE FROM conversation_chunk WHERE id = ?")) {
        delete.setObject(1, chunkId);
        delete.executeUpdate();
      }
      return List.copyOf(stored);
    });
  }

  private static Chunk lockForSplit(Connection connection, UUID chunkId) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT " + COLUMNS + " FROM conversation_chunk WHERE id = ? FOR UPDATE")) {
      select.setObject(1, chunkId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new ChunkNotFoundException(chunkId);
        }
        Chunk original = chunk(row);
        if (original.kind() != ChunkKind.AUDIO || original.state() != ChunkState.PENDING) {
          throw new StorageException(
              "only a pending audio chunk can be split: chunk=" + chunkId
                  + " kind=" + original.kind() + " state=" + original.state());
        }
        return original;
      }
    }
  }

  private Chunk insert(
      UUID conversationId,
      ChunkKind kind,
      String transcript,
      ChunkAudio audio,
      Instant clientTimestamp,
      Instant receivedAt) {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(clientTimestamp, "clientTimestamp");
    Objects.requireNonNull(receivedAt, "receivedAt");
    Optional<Chunk> added =
        jdbc.first(
            "add chunk",
            "WITH gate AS (UPDATE conversation SET updated_at = ?,"
                + " token_count = CASE WHEN ? THEN NULL ELSE token_count END"
                + " WHERE id = ? AND deleted_at IS NULL AND NOT is_finished RETURNING id)"
                + " INSERT INTO conversation_chunk (conversation_id, kind, client_timestamp,"
                + " received_at, transcript, audio, audio_content_type, processed_at)"
                + " SELECT gate.id, ?, ?, ?, ?, ?, ?, ? FROM gate RETURNING " + COLUMNS,
            s -> {
              s.setTimestamp(1, Jdbc.timestamp(receivedAt));
              s.setBoolean(2, transcript != null);
              s.setObject(3, conversationId);
              s.setString(4, kind.column());
              s.setTimestamp(5, Jdbc.timestamp(clientTimestamp));
              s.setTimestamp(6, Jdbc.timestamp(receivedAt));
              s.setString(7, transcript);
              s.setBytes(8, audio == null ? null : audio.bytes());
              s.setString(9, audio == null ? null : audio.contentType());
              s.setTimestamp(10, transcript == null ? null : Jdbc.timestamp(receivedAt));
            },
            ChunkRepository::chunk);
    return added.orElseThrow(() -> refusal(conversationId));
  }

  /** Why nothing was added: read after the fact, since the statement wrote nothing. */
  private StorageException refusal(UUID conversationId) {
    Optional<Boolean> finished =
        jdbc.first(
            "read conversation state",
            "SELECT is_finished FROM conversation WHERE id = ? AND deleted_at IS NULL",
            s -> s.setObject(1, conversationId),
            row -> row.getBoolean("is_finished"));
    if (finished.isEmpty()) {
      return new ConversationNotFoundException(conversationId);
    }
    if (finished.get()) {
      return new ConversationFinishedException(conversationId);
    }
    return new StorageException(
        "chunk not added although the conversation is open: conversation=" + conversationId);
  }

  static Chunk chunk(ResultSet row) throws SQLException {
    return new Chunk(
        Jdbc.uuid(row, "id"),
        Jdbc.uuid(row, "conversation_id"),
        ChunkKind.ofColumn(row.getString("kind")),
        Jdbc.instant(row, "client_timestamp"),
        Jdbc.instant(row, "received_at"),
        row.getString("transcript"),
        row.getString("error"),
        row.getBoolean("error_recoverable"),
        row.getInt("attempts"),
        Jdbc.instant(row, "processed_at"));
  }
}
