package io.echojobs.jobs.group;

import io.echojobs.jobs.Jobs;
import io.echojobs.jobs.actor.Actor;
import io.echojobs.jobs.message.GroupMembership;
import io.echojobs.jobs.message.Message;
import io.echojobs.jobs.message.MessageIds;
import java.util.List;
import java.util.Objects;

/**
 * Sends messages as one group with callbacks that fire once when every member has ended: on
 * success of all, on failure of any (after its retries), on completion either way. A member ends
 * when it succeeds or goes to dead letters; a member waiting for a retry has not ended.
 */
public final class GroupSend {

  private final Jobs jobs;
  private final List<Message> members;
  private String onSuccess;
  private String onFailure;
  private String onCompletion;

  public GroupSend(Jobs jobs, List<Message> members) {
    this.jobs = Objects.requireNonNull(jobs, "jobs");
    if (members == null || members.isEmpty()) {
      throw new IllegalArgumentException("members must hold at least one message");
    }
    this.members = List.copyOf(members);
  }

  public GroupSend onSuccess(Actor<GroupCompletion> callback) {
    this.onSuccess = callback.name();
    return this;
  }

  public GroupSend onFailure(Actor<GroupCompletion> callback) {
    this.onFailure = callback.name();
    return this;
  }

  public GroupSend onCompletion(Actor<GroupCompletion> callback) {
    this.onCompletion = callback.name();
    return this;
  }

  /** Sends every member; returns the group's id. */
  public String send() {
    String groupId = MessageIds.next();
    GroupMembership membership =
        new GroupMembership(groupId, members.size(), onSuccess, onFailure, onCompletion);
    for (Message member : members) {
      jobs.send(member.withOptions(member.options().withGroup(membership)));
    }
    return groupId;
  }
}
