package io.echojobs.jobs.middleware;

import com.fasterxml.jackson.databind.JsonNode;
import io.echojobs.jobs.message.Json;
import io.echojobs.jobs.message.Message;

/** Sends a message's success callback when it succeeds, its failure callback when it dies. */
final class Callbacks implements Middleware {

  private final FollowUps followUps;

  Callbacks(FollowUps followUps) {
    this.followUps = followUps;
  }

  @Override
  public void afterProcess(Attempt attempt, Outcome outcome) {
    Message message = attempt.message();
    String onSuccess = message.options().onSuccess();
    String onFailure = message.options().onFailure();
    switch (outcome) {
      case Outcome.Succeeded(Object result) when onSuccess != null -> {
        JsonNode value = Json.mapper().valueToTree(result);
        followUps.send(
            onSuccess,
            new CallbackArguments(
                message.id(), message.actor(), message.arguments(), value, null),
            "callback:" + message.id() + ":success");
      }
      case Outcome.Failed(String reason, String errorType, Throwable error)
          when onFailure != null ->
          followUps.send(
              onFailure,
              new CallbackArguments(
                  message.id(), message.actor(), message.arguments(), null, reason),
              "callback:" + message.id() + ":failure");
      default -> {}
    }
  }
}
