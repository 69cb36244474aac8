package io.echojobs.echo.providers.llm;

import io.echojobs.echo.providers.Transcriber;
import io.echojobs.echo.providers.TranscriptionRequest;

/**
 * A {@link Transcriber} served by an OpenAI-compatible {@code /audio/transcriptions} endpoint
 * (Whisper, or a LiteLLM route to one) through a model group. Thread-safe.
 */
public final class OpenAiTranscriber implements Transcriber {

  private final OpenAiCompatibleClient client;
  private final ModelGroup group;

  public OpenAiTranscriber(OpenAiCompatibleClient client) {
    this.client = client;
    this.group = new ModelGroup(OpenAiCompatibleClient.TRANSCRIPTION, client.endpoint().models());
  }

  @Override
  public String transcribe(TranscriptionRequest request) {
    return group.call(model -> client.transcribe(model, request));
  }
}
