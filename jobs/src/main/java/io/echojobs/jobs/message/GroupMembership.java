package io.echojobs.jobs.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Marks a message as one member of a group, and names the callbacks that fire once every
 * member has ended. Every member carries the same membership, so any member can be the last.
 *
 * @param groupId the group's id
 * @param size how many members the group has
 * @param onSuccess actor sent once when every member succeeded (nullable)
 * @param onFailure actor sent once when every member ended and at least one failed for good
 * @param onCompletion actor sent once when every member ended, either way, with the outcomes
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GroupMembership(
    @JsonProperty("id") String groupId,
    int size,
    @JsonProperty("on_success") String onSuccess,
    @JsonProperty("on_failure") String onFailure,
    @JsonProperty("on_completion") String onCompletion) {}
