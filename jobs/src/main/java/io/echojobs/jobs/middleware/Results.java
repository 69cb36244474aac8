package io.echojobs.jobs.middleware;

import io.echojobs.jobs.actor.ActorOptions;
import io.echojobs.jobs.message.Json;
import io.echojobs.jobs.results.ResultStore;
import io.echojobs.jobs.results.StoredResult;

/**
 * Stores the result of actors declared with store-results: the return value on success, the
 * error when the message failed for good. Nothing is stored while a retry is pending, so a
 * caller waiting for the result keeps waiting.
 */
public final class Results implements Middleware {

  private final ResultStore store;

  public Results(ResultStore store) {
    this.store = store;
  }

  @Override
  public void afterProcess(Attempt attempt, Outcome outcome) {
    ActorOptions options = attempt.declaredActor().map(a -> a.options()).orElse(null);
    if (options == null || !options.storeResults()) {
      return;
    }
    String id = attempt.message().id();
    switch (outcome) {
      case Outcome.Succeeded(Object result) ->
          store.store(
              id, new StoredResult.Success(Json.mapper().valueToTree(result)), options.resultTtl());
      case Outcome.Failed(String reason, String errorType, Throwable error) ->
          store.store(id, new StoredResult.Failure(errorType, reason), options.resultTtl());
      case Outcome.WillRetry retry -> {}
    }
  }
}
