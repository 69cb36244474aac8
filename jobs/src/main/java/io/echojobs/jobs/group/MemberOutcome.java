package io.echojobs.jobs.group;

/** How one group member ended. A member that will be retried has not ended yet. */
public enum MemberOutcome {
  SUCCEEDED,
  FAILED
}
