package io.echojobs.echo.storage;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored conversation with its three flags, each with one source of truth: {@code finished}
 * ({@code is_finished}), {@code allChunksTranscribed} ({@code is_all_chunks_transcribed}) and a
 * non-null {@code summary}. Nullable components are null until the step that writes them ran.
 *
 * @param deletedAt when it was soft-deleted, or null
 * @param finishedAt when it was finished, or null while open
 * @param summary the summary, or null; never empty
 * @param durationSeconds length of the merged audio, or null
 * @param mergedTranscript the chunks' transcripts joined in order, or null before merge
 * @param tokenCount the cached token count, or null when unknown or invalidated
 * @param anonymized copied from the project at creation: transcripts are anonymised
 */
public record Conversation(
    UUID id,
    UUID projectId,
    Instant createdAt,
    Instant updatedAt,
    Instant deletedAt,
    boolean finished,
    Instant finishedAt,
    boolean allChunksTranscribed,
    String summary,
    String title,
    Double durationSeconds,
    String mergedTranscript,
    Integer tokenCount,
    boolean anonymized,
    String source,
    String participantName) {

  /** Whether a summary has been stored. */
  public boolean summarized() {
    return summary != null;
  }

  /** Whether it was soft-deleted. */
  public boolean deleted() {
    return deletedAt != null;
  }
}
