package io.echojobs.echo.storage;

import java.util.UUID;

/**
 * A chunk that no transcription has answered yet, found by the stuck-chunk repair.
 *
 * @param attempts transcription attempts begun so far
 */
public record PendingChunk(UUID chunkId, UUID conversationId, int attempts) {}
