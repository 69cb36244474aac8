package io.echojobs.echo.providers;

import io.echojobs.jobs.retry.UnrecoverableFailure;

/**
 * The service refused the request for a reason a retry cannot fix: an HTTP 4xx other than 408 and
 * 429 (bad request, bad key, unknown model, content too large), or an answer withheld by a content
 * filter. A model group does not try its fallbacks, and the runtime sends the message straight to
 * dead letters.
 */
public final class ProviderRejectedException extends ProviderException
    implements UnrecoverableFailure {

  private final String model;
  private final int status;

  /**
   * @param operation what was called, such as {@code chat} or {@code transcription}
   * @param model the model asked for
   * @param status the HTTP status (200 when a successful response withheld its content)
   * @param detail the service's reason, already shortened and free of secrets
   */
  public ProviderRejectedException(String operation, String model, int status, String detail) {
    super(operation + " rejected model=" + model + " status=" + status + ": " + detail);
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
