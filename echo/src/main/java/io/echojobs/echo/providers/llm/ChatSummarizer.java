package io.echojobs.echo.providers.llm;

import io.echojobs.echo.providers.ChatMessage;
import io.echojobs.echo.providers.ChatModel;
import io.echojobs.echo.providers.ChatRequest;
import io.echojobs.echo.providers.ProviderUnavailableException;
import io.echojobs.echo.providers.Summarizer;
import io.echojobs.echo.providers.SummaryRequest;

/**
 * A {@link Summarizer} that asks a chat model: the instructions and the project's guidance go in
 * the system message, the transcript in the user message. An empty transcript is answered with
 * {@link Summarizer#NO_TRANSCRIPT} without calling the model; an empty answer from the model is
 * treated as unavailable rather than stored. Thread-safe.
 */
public final class ChatSummarizer implements Summarizer {

  static final String INSTRUCTIONS =
      """
      You summarize the transcript of a recorded conversation. Write a concise, faithful \
      summary of what was said: the main topics, the opinions and the decisions or open \
      questions. Do not invent facts, do not address the reader, and do not quote personal \
      data such as e-mail addresses or phone numbers. Write in the language with ISO 639-1 \
      code "%s".\
      """;

  private final ChatModel model;

  public ChatSummarizer(ChatModel model) {
    this.model = model;
  }

  @Override
  public String summarize(SummaryRequest request) {
    if (request.transcript().isBlank()) {
      return NO_TRANSCRIPT;
    }
    String system = INSTRUCTIONS.formatted(request.language());
    if (request.hasGuidance()) {
      system += "\n\nGuidance from the project:\n" + request.guidance().strip();
    }
    var completion =
        model.complete(
            ChatRequest.of(ChatMessage.system(system), ChatMessage.user(request.transcript())));
    String summary = completion.content().strip();
    if (summary.isEmpty()) {
      throw new ProviderUnavailableException(
          OpenAiCompatibleClient.CHAT, completion.model(), 200, "empty summary", null);
    }
    return summary;
  }
}
