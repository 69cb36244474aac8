package io.echojobs.jobs.results;

import io.echojobs.jobs.JobsException;

/** The awaited message failed for good; carries the stored error. */
public final class ActorFailedException extends JobsException {

  private final String messageId;
  private final StoredResult.Failure failure;

  public ActorFailedException(String messageId, StoredResult.Failure failure) {
    super("message " + messageId + " failed: " + failure.errorType() + ": " + failure.message());
    this.messageId = messageId;
    this.failure = failure;
  }

  public String messageId() {
    return messageId;
  }

  public StoredResult.Failure failure() {
    return failure;
  }
}
