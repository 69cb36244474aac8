package io.echojobs.jobs.middleware;

import io.echojobs.jobs.group.GroupCompletion;
import io.echojobs.jobs.group.GroupProgress;
import io.echojobs.jobs.group.GroupStore;
import io.echojobs.jobs.group.MemberOutcome;
import io.echojobs.jobs.message.GroupMembership;

/**
 * Records each group member's end in the shared ledger and, for the one member that completed
 * the group, sends the group's callbacks. See {@link GroupStore} for why they fire once.
 */
final class Groups implements Middleware {

  private final GroupStore store;
  private final FollowUps followUps;

  Groups(GroupStore store, FollowUps followUps) {
    this.store = store;
    this.followUps = followUps;
  }

  @Override
  public void afterProcess(Attempt attempt, Outcome outcome) {
    GroupMembership group = attempt.message().options().group();
    if (group == null) {
      return;
    }
    MemberOutcome memberOutcome =
        switch (outcome) {
          case Outcome.Succeeded succeeded -> MemberOutcome.SUCCEEDED;
          case Outcome.Failed failed -> MemberOutcome.FAILED;
          case Outcome.WillRetry retry -> null;
        };
    if (memberOutcome == null) {
      return;
    }
    GroupProgress progress =
        store.record(
            group.groupId(),
            attempt.message().id(),
            memberOutcome,
            group.size(),
            GroupStore.DEFAULT_GROUP_TTL);
    if (!progress.completionClaimed()) {
      return;
    }
    GroupCompletion completion =
        new GroupCompletion(
            group.groupId(),
            group.size(),
            progress.succeeded(),
            progress.failed(),
            progress.outcomes());
    String key = "group:" + group.groupId() + ":";
    if (progress.failed() == 0 && group.onSuccess() != null) {
      followUps.send(group.onSuccess(), completion, key + "success");
    }
    if (progress.failed() > 0 && group.onFailure() != null) {
      followUps.send(group.onFailure(), completion, key + "failure");
    }
    if (group.onCompletion() != null) {
      followUps.send(group.onCompletion(), completion, key + "completion");
    }
    store.completionSent(group.groupId());
  }
}
