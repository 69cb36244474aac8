package io.echojobs.echo.storage;

import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

/**
 * A processing status event to record. Built with {@link #of} and the {@code with...} methods.
 *
 * @param chunkId the chunk it concerns, or null
 * @param message a detail, or null; must not carry personal data
 * @param duration how long the step took, or null
 * @param parentId the id of the event this one belongs to, or null
 */
public record StatusEvent(
    UUID conversationId,
    UUID chunkId,
    String event,
    String message,
    Duration duration,
    Long parentId) {

  public StatusEvent {
    Objects.requireNonNull(conversationId, "conversationId");
    Objects.requireNonNull(event, "event");
    if (event.isBlank()) {
      throw new IllegalArgumentException("event: must not be blank");
    }
    if (duration != null && duration.isNegative()) {
      throw new IllegalArgumentException("duration: must not be negative: " + duration);
    }
  }

  /** An event of a conversation with a message. */
  public static StatusEvent of(UUID conversationId, String event, String message) {
    return new StatusEvent(conversationId, null, event, message, null, null);
  }

  public StatusEvent withChunk(UUID chunk) {
    return new StatusEvent(conversationId, chunk, event, message, duration, parentId);
  }

  public StatusEvent withDuration(Duration took) {
    return new StatusEvent(conversationId, chunkId, event, message, took, parentId);
  }

  public StatusEvent withParent(long parent) {
    return new StatusEvent(conversationId, chunkId, event, message, duration, parent);
  }
}
