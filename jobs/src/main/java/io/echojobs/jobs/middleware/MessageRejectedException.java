package io.echojobs.jobs.middleware;

import io.echojobs.jobs.JobsException;

/**
 * A rule decided a message must not run (too old, for example). It goes to dead letters with
 * {@code rule} as its error type and this exception's text as the reason; never retried.
 */
public final class MessageRejectedException extends JobsException {

  private final String rule;

  public MessageRejectedException(String rule, String reason) {
    super(reason);
    this.rule = rule;
  }

  public String rule() {
    return rule;
  }
}
