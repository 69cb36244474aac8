package io.echojobs.jobs.results;

import io.echojobs.jobs.JobsException;
import java.time.Duration;

/** No result arrived for a message within the time a caller was willing to wait. */
public final class ResultTimeoutException extends JobsException {

  private final String messageId;

  public ResultTimeoutException(String messageId, Duration waited) {
    super("no result for message " + messageId + " after " + waited);
    this.messageId = messageId;
  }

  public String messageId() {
    return messageId;
  }
}
