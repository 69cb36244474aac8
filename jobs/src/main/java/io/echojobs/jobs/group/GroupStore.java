package io.echojobs.jobs.group;

import java.time.Duration;

/**
 * The fan-in ledger of groups. One implementation per broker kind, shared by all workers.
 *
 * <p>{@link #record} is one atomic step: it stores the member's first outcome (a redelivered
 * member cannot count twice), and when the group is complete it claims the completion for the
 * member that completed it. The claim is remembered with that member's id, so if the claimer
 * dies before sending the callbacks, its redelivery claims again and sends them; every other
 * member sees the claim taken. Callbacks are sent with a unique key per group, so the claimer's
 * second send while the first is still pending is a no-op.
 */
public interface GroupStore {

  /** Default time a group's ledger is kept after its last change. */
  Duration DEFAULT_GROUP_TTL = Duration.ofDays(7);

  GroupProgress record(
      String groupId, String memberId, MemberOutcome outcome, int size, Duration ttl);

  /** Records that the group's callbacks were sent; no later {@link #record} claims completion. */
  void completionSent(String groupId);
}
