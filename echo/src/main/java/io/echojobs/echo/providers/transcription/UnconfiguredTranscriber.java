package io.echojobs.echo.providers.transcription;

import io.echojobs.echo.providers.Transcriber;
import io.echojobs.echo.providers.TranscriptionNotConfiguredException;
import io.echojobs.echo.providers.TranscriptionRequest;

/**
 * The {@link Transcriber} used when no transcription service is configured: every call fails with
 * {@link TranscriptionNotConfiguredException}, whose message names the variables to set. The
 * transcribe actor records it on the chunk as a recoverable error. Text chunks need no transcriber,
 * so a deployment without one still handles them.
 */
public final class UnconfiguredTranscriber implements Transcriber {

  @Override
  public String transcribe(TranscriptionRequest request) {
    throw new TranscriptionNotConfiguredException();
  }
}
