package io.echojobs.echo.storage;

import java.util.UUID;

/** The conversation does not exist, or it was deleted. Not worth a retry. */
public final class ConversationNotFoundException extends StorageException {

  private final UUID conversationId;

  public ConversationNotFoundException(UUID conversationId) {
    super("conversation not found or deleted: conversation=" + conversationId);
    this.conversationId = conversationId;
  }

  public UUID conversationId() {
    return conversationId;
  }
}
