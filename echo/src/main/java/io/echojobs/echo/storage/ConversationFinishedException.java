package io.echojobs.echo.storage;

import java.util.UUID;

/**
 * A chunk was refused because its conversation is already finished; nothing was written. Not
 * worth a retry: a finished conversation never reopens.
 */
public final class ConversationFinishedException extends StorageException {

  private final UUID conversationId;

  public ConversationFinishedException(UUID conversationId) {
    super("conversation is finished and takes no more chunks: conversation=" + conversationId);
    this.conversationId = conversationId;
  }

  public UUID conversationId() {
    return conversationId;
  }
}
