package io.echojobs.echo.storage;

import java.util.Objects;
import java.util.UUID;

/**
 * What is needed to create a conversation.
 *
 * @param source where it came from: DASHBOARD_UPLOAD, PORTAL, CLONE...
 * @param title a title, or null
 * @param participantName the participant's name, or null
 */
public record NewConversation(UUID projectId, String source, String title, String participantName) {

  public NewConversation {
    Objects.requireNonNull(projectId, "projectId");
    Objects.requireNonNull(source, "source");
  }

  /** A conversation of {@code projectId} from {@code source}, with no title or participant. */
  public static NewConversation of(UUID projectId, String source) {
    return new NewConversation(projectId, source, null, null);
  }
}
