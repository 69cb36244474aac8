package io.echojobs.echo.storage;

import java.time.Instant;
import java.util.UUID;

/**
 * A stored processing status event: one step of the pipeline starting, completing or failing.
 *
 * @param chunkId the chunk it concerns, or null
 * @param message a human-readable detail, or null
 * @param durationMs how long the step took, or null
 * @param parentId the event this one belongs to (its "started" row), or null
 */
public record ProcessingStatus(
    long id,
    UUID conversationId,
    UUID chunkId,
    String event,
    String message,
    Long durationMs,
    Long parentId,
    Instant at) {}
