package io.echojobs.jobs.message;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The per-message options that travel with a message. Every field but {@code retries} may be
 * null, meaning "not set"; the JSON form leaves unset fields out.
 *
 * @param retries failed attempts so far (0 on the first delivery)
 * @param eta when the message becomes deliverable; null means now
 * @param uniqueKey while a message with this key is pending, sending another is a no-op
 * @param onSuccess actor to send when this message succeeds (receives a {@code CallbackArguments})
 * @param onFailure actor to send when this message fails for good
 * @param pipeline messages to send, in order, each after the previous one succeeded
 * @param group the group this message belongs to
 * @param lastError the error of the previous failed attempt, kept for dead letters and logs
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MessageOptions(
    int retries,
    @JsonSerialize(using = EpochMillis.Writer.class)
        @JsonDeserialize(using = EpochMillis.Reader.class)
        Instant eta,
    @JsonProperty("unique_key") String uniqueKey,
    @JsonProperty("on_success") String onSuccess,
    @JsonProperty("on_failure") String onFailure,
    List<Message> pipeline,
    GroupMembership group,
    @JsonProperty("last_error") String lastError) {

  public static final MessageOptions NONE =
      new MessageOptions(0, null, null, null, null, null, null, null);

  public MessageOptions {
    pipeline = pipeline == null || pipeline.isEmpty() ? null : List.copyOf(pipeline);
    eta = eta == null ? null : eta.truncatedTo(ChronoUnit.MILLIS); // what the JSON form keeps
  }

  public MessageOptions withRetries(int newRetries, String error) {
    return new MessageOptions(
        newRetries, eta, uniqueKey, onSuccess, onFailure, pipeline, group, error);
  }

  public MessageOptions withEta(Instant newEta) {
    return new MessageOptions(
        retries, newEta, uniqueKey, onSuccess, onFailure, pipeline, group, lastError);
  }

  public MessageOptions withUniqueKey(String key) {
    return new MessageOptions(
        retries, eta, key, onSuccess, onFailure, pipeline, group, lastError);
  }

  public MessageOptions withCallbacks(String successActor, String failureActor) {
    return new MessageOptions(
        retries, eta, uniqueKey, successActor, failureActor, pipeline, group, lastError);
  }

  public MessageOptions withPipeline(List<Message> next) {
    return new MessageOptions(
        retries, eta, uniqueKey, onSuccess, onFailure, next, group, lastError);
  }

  public MessageOptions withGroup(GroupMembership membership) {
    return new MessageOptions(
        retries, eta, uniqueKey, onSuccess, onFailure, pipeline, membership, lastError);
  }
}
