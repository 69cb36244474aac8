package io.echojobs.echo.providers;

/**
 * A chat-completion model (or a group of them with fallbacks) behind one call. Safe to call from
 * many threads at once. Fails with {@link ProviderUnavailableException} when no model could answer
 * and {@link ProviderRejectedException} when the request itself was refused.
 */
public interface ChatModel {

  /** Sends the conversation and returns the model's answer. */
  ChatCompletion complete(ChatRequest request);
}
