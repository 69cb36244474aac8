package io.echojobs.jobs.results;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.JsonNode;

/** What a finished message left behind: its return value, or the error it failed with. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
  @JsonSubTypes.Type(value = StoredResult.Success.class, name = "success"),
  @JsonSubTypes.Type(value = StoredResult.Failure.class, name = "failure")
})
public sealed interface StoredResult {

  /** @param value the actor's return value as JSON (JSON null when it returned nothing) */
  record Success(JsonNode value) implements StoredResult {}

  /**
   * @param errorType the failure's class name, or the rule that rejected the message
   * @param message the failure's text
   */
  record Failure(String errorType, String message) implements StoredResult {}
}
