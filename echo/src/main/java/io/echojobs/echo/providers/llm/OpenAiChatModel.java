package io.echojobs.echo.providers.llm;

import io.echojobs.echo.providers.ChatCompletion;
import io.echojobs.echo.providers.ChatModel;
import io.echojobs.echo.providers.ChatRequest;

/**
 * A {@link ChatModel} served by an OpenAI-compatible service through a model group: the primary
 * model, then the fallbacks on recoverable failures. Thread-safe.
 */
public final class OpenAiChatModel implements ChatModel {

  private final OpenAiCompatibleClient client;
  private final ModelGroup group;

  public OpenAiChatModel(OpenAiCompatibleClient client) {
    this.client = client;
    this.group = new ModelGroup(OpenAiCompatibleClient.CHAT, client.endpoint().models());
  }

  @Override
  public ChatCompletion complete(ChatRequest request) {
    return group.call(model -> client.chat(model, request));
  }
}
