package io.echojobs.jobs;

/**
 * The base of every failure the runtime raises. Subclasses carry the ids a person needs to act
 * (message id, actor, queue); whether a failure is worth a retry follows from its type, never
 * from its text.
 */
public class JobsException extends RuntimeException {

  public JobsException(String message) {
    super(message);
  }

  public JobsException(String message, Throwable cause) {
    super(message, cause);
  }
}
