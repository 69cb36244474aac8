package io.echojobs.echo.providers;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how to reach one OpenAI-compatible service.
 *
 * @param baseUrl the URL the operation paths are appended to, such as {@code
 *     http://localhost:4000/v1}; no trailing slash
 * @param apiKey the bearer token; empty when the service needs none (a local Ollama or vLLM)
 * @param models the model group: the primary model first, then the fallbacks in the order they are
 *     tried
 * @param timeout how long one HTTP request may take, connection included
 */
public record EndpointSettings(URI baseUrl, String apiKey, List<String> models, Duration timeout) {

  public EndpointSettings {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(timeout, "timeout");
    if (models == null || models.isEmpty()) {
      throw new IllegalArgumentException("models: must name at least one model");
    }
    models = List.copyOf(models);
  }

  public boolean hasApiKey() {
    return !apiKey.isEmpty();
  }

  /** The base URL without user information, query or fragment: safe to log. */
  public String baseUrlForLog() {
    return ProviderSettings.forLog(baseUrl);
  }

  @Override
  public String toString() {
    return "EndpointSettings[baseUrl="
        + baseUrlForLog()
        + ", apiKey="
        + (hasApiKey() ? "set" : "none")
        + ", models="
        + models
        + ", timeout="
        + timeout
        + "]";
  }
}
