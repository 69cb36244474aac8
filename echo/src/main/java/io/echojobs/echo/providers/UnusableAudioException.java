package io.echojobs.echo.providers;

import io.echojobs.jobs.retry.UnrecoverableFailure;

/**
 * The transcription service refused the audio itself: nothing spoken, too short, empty, too large,
 * or no language it could detect (the failures spec 5.2 lists as recoverable). No retry and no
 * fallback model can help, so it is an {@link UnrecoverableFailure}; the transcribe actor records
 * it on the chunk and completes, and the conversation goes on without that chunk.
 */
public final class UnusableAudioException extends ProviderException
    implements UnrecoverableFailure {

  private final String model;
  private final int status;

  /**
   * @param model the model asked for
   * @param status the HTTP status of the refusal
   * @param detail the service's reason, already shortened and free of secrets
   */
  public UnusableAudioException(String model, int status, String detail) {
    super("transcription refused the audio model=" + model + " status=" + status + ": " + detail);
    this.model = model;
    this.status = status;
  }

  public String model() {
    return model;
  }

  public int status() {
    return status;
  }
}
