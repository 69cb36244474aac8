package io.echojobs.jobs.group;

import java.util.Map;

/**
 * The state of a group after one member's outcome was recorded.
 *
 * @param outcomes every member that has ended so far, by message id
 * @param size how many members the group has
 * @param completionClaimed true for exactly one recorder: the one whose record completed the
 *     group (and again for that same member if it is redelivered), who must send the callbacks
 */
public record GroupProgress(
    Map<String, MemberOutcome> outcomes, int size, boolean completionClaimed) {

  public boolean isComplete() {
    return outcomes.size() >= size;
  }

  public long succeeded() {
    return outcomes.values().stream().filter(o -> o == MemberOutcome.SUCCEEDED).count();
  }

  public long failed() {
    return outcomes.values().stream().filter(o -> o == MemberOutcome.FAILED).count();
  }
}
