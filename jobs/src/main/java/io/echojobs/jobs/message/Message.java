package io.echojobs.jobs.message;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * One request to run an actor: what travels through a broker. Immutable; a retry produces a
 * copy with updated {@link MessageOptions}.
 *
 * @param id unique id, stable across retries and redeliveries
 * @param queue the queue the message is delivered from
 * @param actor the name of the actor that runs it
 * @param priority lower runs first within a queue
 * @param arguments the actor's arguments, encoded as a JSON object
 * @param options retries so far, delay, unique key, callbacks, group, pipeline
 * @param enqueuedAt when the message was first sent (wall time, kept to the millisecond); age
 *     limits count from here
 */
public record Message(
    String id,
    String queue,
    String actor,
    int priority,
    @JsonProperty("args") JsonNode arguments,
    MessageOptions options,
    @JsonProperty("enqueued_at")
        @JsonSerialize(using = EpochMillis.Writer.class)
        @JsonDeserialize(using = EpochMillis.Reader.class)
        Instant enqueuedAt) {

  public Message {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(queue, "queue");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(arguments, "arguments");
    Objects.requireNonNull(enqueuedAt, "enqueuedAt");
    options = options == null ? MessageOptions.NONE : options;
    enqueuedAt = enqueuedAt.truncatedTo(ChronoUnit.MILLIS); // what the JSON form keeps
  }

  public Message withOptions(MessageOptions newOptions) {
    return new Message(id, queue, actor, priority, arguments, newOptions, enqueuedAt);
  }

  /** A copy with a fresh id and no per-delivery state, for sending again from dead letters. */
  public Message withId(String newId) {
    return new Message(newId, queue, actor, priority, arguments, options, enqueuedAt);
  }

  /** A short description for logs: never the arguments, which may carry personal data. */
  @Override
  public String toString() {
    return "Message[id=" + id + ", actor=" + actor + ", queue=" + queue + "]";
  }
}
