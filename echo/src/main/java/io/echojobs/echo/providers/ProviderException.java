package io.echojobs.echo.providers;

/**
 * The base of every failure an outside service (chat model, transcription service) or its
 * configuration raises. Whether a failure is worth a retry follows from its subtype, never from its
 * text: {@link ProviderUnavailableException} is, {@link ProviderRejectedException} and {@link
 * ProviderConfigurationException} are not, and {@link TranscriptionNotConfiguredException} is
 * recorded on the chunk until the service is configured.
 *
 * <p>Messages carry the operation, model, HTTP status and a short excerpt of the service's error
 * text; they never carry an API key, a transcript or audio.
 */
public abstract sealed class ProviderException extends RuntimeException
    permits ProviderUnavailableException,
        ProviderRejectedException,
        ProviderConfigurationException,
        TranscriptionNotConfiguredException,
        UnusableAudioException {

  protected ProviderException(String message) {
    super(message);
  }

  protected ProviderException(String message, Throwable cause) {
    super(message, cause);
  }
}
