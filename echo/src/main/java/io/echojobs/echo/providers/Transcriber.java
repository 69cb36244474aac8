package io.echojobs.echo.providers;

/**
 * Turns one chunk's audio into text. Text chunks never reach a transcriber: their text is the
 * transcript.
 *
 * <p>Contract: returns the transcript text (possibly empty when nothing was said). Safe to call
 * from many threads at once. Fails with {@link ProviderUnavailableException} (worth a retry),
 * {@link ProviderRejectedException} (not worth one) or {@link TranscriptionNotConfiguredException}
 * (no service configured; recorded on the chunk).
 */
public interface Transcriber {

  /** Returns the transcript of the request's audio. */
  String transcribe(TranscriptionRequest request);
}
