package io.echojobs.echo.providers;

/**
 * An audio chunk reached transcription while no transcription service is configured.
 *
 * <p>Recoverable in the sense of the transcribe actor (spec 5.2): the actor records this message as
 * the chunk's error and completes without a retry, so the conversation can still be finalized; once
 * the variables below are set and the worker restarted, the chunk can be transcribed again. Text
 * chunks never need a transcription service and never raise it.
 */
public final class TranscriptionNotConfiguredException extends ProviderException {

  /** What the chunk's error says; names the variables that enable transcription. */
  public static final String MESSAGE =
      "no transcription service is configured for audio chunks: set "
          + ProviderSettings.TRANSCRIPTION_MODELS
          + " (and "
          + ProviderSettings.TRANSCRIPTION_BASE_URL
          + " / "
          + ProviderSettings.TRANSCRIPTION_API_KEY
          + ", or "
          + ProviderSettings.LLM_BASE_URL
          + " / "
          + ProviderSettings.LLM_API_KEY
          + ") to an OpenAI-compatible /audio/transcriptions service, then restart the worker";

  public TranscriptionNotConfiguredException() {
    super(MESSAGE);
  }
}
