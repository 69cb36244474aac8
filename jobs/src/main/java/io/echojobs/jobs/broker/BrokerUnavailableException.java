package io.echojobs.jobs.broker;

import io.echojobs.jobs.JobsException;

/**
 * The broker could not be reached within its retry window. Thrown by enqueue so that a caller
 * knows its message was not stored: a message is never dropped silently.
 */
public final class BrokerUnavailableException extends JobsException {

  public BrokerUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
