package io.echojobs.echo.providers;

import java.util.Locale;
import java.util.Objects;

/**
 * One message of a chat request.
 *
 * @param role who speaks
 * @param content the text
 */
public record ChatMessage(Role role, String content) {

  /** The roles of the OpenAI chat format. */
  public enum Role {
    SYSTEM,
    USER,
    ASSISTANT;

    /** The role's name on the wire: {@code system}, {@code user} or {@code assistant}. */
    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ChatMessage {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(content, "content");
  }

  public static ChatMessage system(String content) {
    return new ChatMessage(Role.SYSTEM, content);
  }

  public static ChatMessage user(String content) {
    return new ChatMessage(Role.USER, content);
  }

  @Override
  public String toString() {
    return "ChatMessage[role=" + role.wireName() + ", chars=" + content.length() + "]";
  }
}
