package io.echojobs.echo.providers.llm;

import io.echojobs.echo.providers.ProviderUnavailableException;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A primary model and its fallbacks, as a LiteLLM router's model group: a call goes to the primary;
 * when a model is unavailable ({@link ProviderUnavailableException}: timeout, 429, 5xx) the next
 * one is tried, in order. Any other failure, a rejection above all, ends the call at once: a
 * request one model refuses as malformed another would refuse too. When every model is unavailable
 * the last failure is thrown, with the earlier ones attached as suppressed.
 *
 * <p>No waiting between models and no retry of the same model here: the job runtime's retry with
 * backoff is the outer loop. An interrupted thread tries no further model.
 *
 * @param operation what the group is for, such as {@code chat}, used in log lines
 * @param models the models in the order they are tried, at least one
 */
public record ModelGroup(String operation, List<String> models) {

  private static final Logger log = LoggerFactory.getLogger(ModelGroup.class);

  public ModelGroup {
    if (models == null || models.isEmpty()) {
      throw new IllegalArgumentException("models: must name at least one model");
    }
    models = List.copyOf(models);
  }

  /** Calls {@code call} with each model in turn until one answers; returns that answer. */
  public <T> T call(Function<String, T> call) {
    ProviderUnavailableException last = null;
    for (int index = 0; index < models.size(); index++) {
      String model = models.get(index);
      try {
        T answer = call.apply(model);
        if (index > 0) {
          log.info("{} answered by fallback model={} position={}", operation, model, index);
        }
        return answer;
      } catch (ProviderUnavailableException e) {
        if (last != null) {
          e.addSuppressed(last);
        }
        last = e;
        if (Thread.currentThread().isInterrupted()) {
          break;
        }
        logFallback(index, e);
      }
    }
    throw last;
  }

  private void logFallback(int index, ProviderUnavailableException failure) {
    if (index + 1 < models.size()) {
      log.warn(
          "{} model unavailable, trying the next model={} status={} next={}",
          operation,
          models.get(index),
          failure.status().isPresent() ? failure.status().getAsInt() : "none",
          models.get(index + 1));
    }
  }
}
