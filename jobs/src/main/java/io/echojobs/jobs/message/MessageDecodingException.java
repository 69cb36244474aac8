package io.echojobs.jobs.message;

import io.echojobs.jobs.JobsException;

/** A payload that is not a message. Never worth a retry: the bytes will not change. */
public final class MessageDecodingException extends JobsException {

  public MessageDecodingException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
