package io.echojobs.echo.pipeline;

import java.time.Duration;

/**
 * The pipeline's coordination keys (scope: the conversation id) and their lifetimes. The
 * original's keys under {@code coord:} map to these one to one; every one has a TTL.
 */
final class CoordinationNames {

  /** Chunks of a conversation whose transcription has not ended; 24 h, refreshed on add. */
  static final String PENDING_CHUNKS = "pending_chunks";

  static final Duration PENDING_CHUNKS_TTL = Duration.ofHours(24);

  /** A chunk already counted down; kept as long as the counter can live. */
  static final Duration CHUNK_COUNTED_TTL = Duration.ofHours(24);

  static final String FINISH_LOCK = "finish";
  static final Duration FINISH_LOCK_TTL = Duration.ofMinutes(5);

  static final String FINALIZE_LOCK = "finalize";
  static final Duration FINALIZE_LOCK_TTL = Duration.ofMinutes(5);

  static final String SUMMARIZE_LOCK = "summarize";
  static final Duration SUMMARIZE_LOCK_TTL = Duration.ofMinutes(10);

  /** Set once the first chunk of a conversation starts processing. */
  static final String PROCESSING_STARTED = "processing_started";

  private CoordinationNames() {}

  static String scope(java.util.UUID conversationId) {
    return conversationId.toString();
  }
}
