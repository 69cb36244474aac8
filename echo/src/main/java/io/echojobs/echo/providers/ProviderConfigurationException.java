package io.echojobs.echo.providers;

import io.echojobs.jobs.retry.UnrecoverableFailure;

/**
 * A provider environment variable is missing, malformed or inconsistent with another. Raised at
 * start by {@link ProviderSettings#fromEnvironment}; the message names the variable, the value
 * (never for an API key) and what is allowed.
 */
public final class ProviderConfigurationException extends ProviderException
    implements UnrecoverableFailure {

  private final String variable;

  public ProviderConfigurationException(String variable, String problem) {
    super(variable + ": " + problem);
    this.variable = variable;
  }

  /** The environment variable to fix. */
  public String variable() {
    return variable;
  }
}
