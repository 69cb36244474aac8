package io.echojobs.echo.providers;

import java.util.List;

/**
 * A chat-completion request, independent of the model that answers it.
 *
 * @param messages the conversation so far, at least one message
 * @param temperature sampling temperature between 0 and 2
 */
public record ChatRequest(List<ChatMessage> messages, double temperature) {

  /** The temperature used when a caller has no reason to choose: low, for factual text. */
  public static final double DEFAULT_TEMPERATURE = 0.2;

  public ChatRequest {
    if (messages == null || messages.isEmpty()) {
      throw new IllegalArgumentException("messages: must hold at least one message");
    }
    if (!(temperature >= 0 && temperature <= 2)) {
      throw new IllegalArgumentException("temperature: " + temperature + " is not in [0, 2]");
    }
    messages = List.copyOf(messages);
  }

  /** A request with {@link #DEFAULT_TEMPERATURE}. */
  public static ChatRequest of(ChatMessage... messages) {
    return new ChatRequest(List.of(messages), DEFAULT_TEMPERATURE);
  }
}
