package io.echojobs.jobs.group;

import java.util.Map;

/**
 * The arguments a group callback receives.
 *
 * @param groupId the group
 * @param size how many members it had
 * @param succeeded how many succeeded
 * @param failed how many failed for good
 * @param outcomes each member's outcome, by message id
 */
public record GroupCompletion(
    String groupId, int size, long succeeded, long failed, Map<String, MemberOutcome> outcomes) {}
