package io.echojobs.echo.storage;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored chunk, without its audio bytes (read those with {@link ChunkRepository#audio}).
 *
 * <p>Its state follows the original system's order: {@link ChunkState#ERROR} when {@code error}
 * is set, else {@link ChunkState#OK} when {@code transcript} is set, else {@link
 * ChunkState#PENDING}.
 *
 * @param clientTimestamp the time the client gave; orders the chunks of a conversation
 * @param receivedAt the server time the chunk arrived; drives activity decisions
 * @param transcript the transcript (a text chunk's own text), or null
 * @param error the last transcription error, or null
 * @param errorRecoverable whether that error was one a retry will not fix but that lets the
 *     conversation go on without this chunk
 * @param attempts transcription attempts begun
 * @param processedAt when the transcript or the error was written, or null
 */
public record Chunk(
    UUID id,
    UUID conversationId,
    ChunkKind kind,
    Instant clientTimestamp,
    Instant receivedAt,
    String transcript,
    String error,
    boolean errorRecoverable,
    int attempts,
    Instant processedAt) {

  /** Where the chunk stands. */
  public ChunkState state() {
    if (error != null) {
      return ChunkState.ERROR;
    }
    return transcript != null ? ChunkState.OK : ChunkState.PENDING;
  }
}
