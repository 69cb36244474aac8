package io.echojobs.jobs.middleware;

import io.echojobs.jobs.message.Message;
import java.util.List;

/**
 * Sends the next step of a pipeline when a step succeeds. Steps carry their own arguments; a step
 * that needs the previous step's return value reads it from the result store by id.
 */
final class Pipelines implements Middleware {

  private final FollowUps followUps;

  Pipelines(FollowUps followUps) {
    this.followUps = followUps;
  }

  @Override
  public void afterProcess(Attempt attempt, Outcome outcome) {
    List<Message> rest = attempt.message().options().pipeline();
    if (!(outcome instanceof Outcome.Succeeded) || rest == null) {
      return;
    }
    Message next = rest.getFirst();
    Message withRest = next.withOptions(next.options().withPipeline(rest.subList(1, rest.size())));
    followUps.send(withRest, "pipeline:" + next.id());
  }
}
