package io.echojobs.echo.providers.transcription;

import io.echojobs.echo.providers.Transcriber;
import io.echojobs.echo.providers.TranscriptionRequest;
import io.echojobs.echo.providers.text.KeyTermNormalizer;
import io.echojobs.echo.providers.text.PiiRedactor;
import java.util.Objects;

/**
 * Turns one chunk's content into the transcript to store (spec 5.2, without the storage): text is
 * taken as typed, audio goes to the {@link Transcriber} with the key terms as its prompt. The
 * result then has its key-term variants normalized, NUL characters removed (the database rejects
 * them), personal data redacted when asked, and {@link #NOTHING_TO_TRANSCRIBE} stands in for an
 * empty result.
 *
 * <p>Failures are the transcriber's: {@code TranscriptionNotConfiguredException} for audio when no
 * service is configured (a text chunk never raises it) and {@code UnusableAudioException} when the
 * service refused the audio itself, both to be recorded on the chunk; {@code
 * ProviderUnavailableException} (worth a retry) and {@code ProviderRejectedException} (not).
 * Thread-safe.
 */
public final class ChunkTranscription {

  /** The transcript stored when a chunk held nothing to transcribe. */
  public static final String NOTHING_TO_TRANSCRIBE = "[Nothing to transcribe]";

  private final Transcriber transcriber;
  private final PiiRedactor redactor;

  public ChunkTranscription(Transcriber transcriber, PiiRedactor redactor) {
    this.transcriber = Objects.requireNonNull(transcriber, "transcriber");
    this.redactor = Objects.requireNonNull(redactor, "redactor");
  }

  /**
   * Returns the transcript to store for {@code content}.
   *
   * @param language the project language (ISO 639-1)
   * @param keyTerms the project's key terms
   * @param redactPii whether e-mail addresses, phone, IBAN and card numbers are replaced
   */
  public String transcribe(
      ChunkContent content, String language, KeyTermNormalizer keyTerms, boolean redactPii) {
    String raw =
        switch (content) {
          case ChunkContent.Text text -> text.text();
          case ChunkContent.Audio audio ->
              transcriber.transcribe(
                  new TranscriptionRequest(
                      audio.bytes(),
                      audio.fileName(),
                      audio.mimeType(),
                      language,
                      keyTerms.prompt()));
        };
    String transcript = keyTerms.normalize(raw.replace("\0", "")).strip();
    if (redactPii) {
      transcript = redactor.redact(transcript);
    }
    return transcript.isEmpty() ? NOTHING_TO_TRANSCRIBE : transcript;
  }
}
