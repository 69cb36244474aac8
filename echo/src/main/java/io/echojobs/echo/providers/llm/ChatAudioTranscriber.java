package io.echojobs.echo.providers.llm;

import io.echojobs.echo.providers.Transcriber;
import io.echojobs.echo.providers.TranscriptionRequest;
import java.util.Locale;
import java.util.Map;

/**
 * A {@link Transcriber} that asks a multimodal chat model (Gemini through its OpenAI-compatible
 * endpoint or LiteLLM, as the original's {@code Dembrane-26-07} provider did) to write down the
 * audio: the audio travels as an {@code input_audio} part of {@code POST /chat/completions}, the
 * language and key terms in the instructions. For services without {@code /audio/transcriptions}.
 * Thread-safe.
 *
 * <p>Unlike Whisper, a chat model may add remarks despite the instructions; the answer is taken as
 * the transcript after trimming.
 */
public final class ChatAudioTranscriber implements Transcriber {

  static final String INSTRUCTIONS =
      """
      Transcribe the speech in the audio verbatim. %s Do not translate, summarize, correct or \
      comment. Return only the transcript text; when nothing is spoken, return nothing.\
      """;
  static final String LANGUAGE = "It is in the language with ISO 639-1 code \"%s\".";
  static final String ANY_LANGUAGE = "Write it in the language that is spoken.";
  static final String KEY_TERMS = "\nSpell these key terms exactly so when they are spoken: %s";
  static final String USER_TEXT = "Transcribe this audio.";

  /** Media types whose format name differs from their subtype. */
  private static final Map<String, String> FORMATS =
      Map.of(
          "audio/mpeg", "mp3",
          "audio/mp3", "mp3",
          "audio/x-wav", "wav",
          "audio/wave", "wav",
          "audio/mp4", "m4a",
          "audio/x-m4a", "m4a");

  private final OpenAiCompatibleClient client;
  private final ModelGroup group;

  public ChatAudioTranscriber(OpenAiCompatibleClient client) {
    this.client = client;
    this.group = new ModelGroup(OpenAiCompatibleClient.TRANSCRIPTION, client.endpoint().models());
  }

  @Override
  public String transcribe(TranscriptionRequest request) {
    String language =
        request.language().isEmpty() ? ANY_LANGUAGE : LANGUAGE.formatted(request.language());
    String instructions = INSTRUCTIONS.formatted(language);
    if (!request.prompt().isEmpty()) {
      instructions += KEY_TERMS.formatted(request.prompt());
    }
    String system = instructions;
    String format = audioFormat(request.mimeType());
    return group.call(
        model ->
            client
                .chatAboutAudio(model, system, USER_TEXT, request.audio(), format)
                .content()
                .strip());
  }

  /** The API's name for an audio media type: {@code audio/mpeg} is mp3, {@code audio/ogg} ogg. */
  static String audioFormat(String mimeType) {
    String type = mimeType.toLowerCase(Locale.ROOT).split(";")[0].strip();
    String known = FORMATS.get(type);
    if (known != null) {
      return known;
    }
    String subtype = type.substring(type.indexOf('/') + 1);
    return subtype.startsWith("x-") ? subtype.substring(2) : subtype;
  }
}
