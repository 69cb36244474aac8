package io.echojobs.echo.progress;

import java.time.Instant;
import java.util.UUID;

/**
 * One step of a conversation's processing, as followers see it (server-sent events, the demo).
 *
 * @param conversationId the conversation
 * @param stage a dotted name, e.g. {@code chunk.transcribed}, {@code conversation.summarized}
 * @param message a short human-readable line; never transcript text
 * @param at when it happened
 */
public record ProgressEvent(UUID conversationId, String stage, String message, Instant at) {}
