package io.echojobs.echo.providers;

import java.util.OptionalInt;

/**
 * The service could not answer now: a timeout, a refused or dropped connection, HTTP 408, 429 or
 * 5xx, or a response that could not be read. Worth a retry: a model group tries its next model, and
 * an actor that lets it escape is retried by the runtime.
 */
public final class ProviderUnavailableException extends ProviderException {

  /** The status used when no HTTP response arrived (timeout, connection failure). */
  public static final int NO_RESPONSE = 0;

  private final String model;
  private final int status;

  /**
   * @param operation what was called, such as {@code chat} or {@code transcription}
   * @param model the model asked for
   * @param status the HTTP status, or {@link #NO_RESPONSE}
   * @param detail what went wrong, already free of secrets and personal data
   * @param cause the underlying failure, or null
   */
  public ProviderUnavailableException(
      String operation, String model, int status, String detail, Throwable cause) {
    super(describe(operation, model, status, detail), cause);
    this.model = model;
    this.status = status;
  }

  public String model() {
    return model;
  }

  /** The HTTP status, empty when no response arrived. */
  public OptionalInt status() {
    return status == NO_RESPONSE ? OptionalInt.empty() : OptionalInt.of(status);
  }

  private static String describe(String operation, String model, int status, String detail) {
    String shownStatus = status == NO_RESPONSE ? "none" : Integer.toString(status);
    return operation + " unavailable model=" + model + " status=" + shownStatus + ": " + detail;
  }
}
