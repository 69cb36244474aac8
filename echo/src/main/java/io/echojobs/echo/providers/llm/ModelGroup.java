package io.echojobs.echo.providers.llm;

import io.echojobs.echo.providers.ProviderUnavailableException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
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
 * <p>An outage is logged once: WARN when a model first fails, DEBUG while it keeps failing, INFO
 * when it answers again. Thread-safe; every calling thread shares that outage record.
 */
public final class ModelGroup {

  private static final Logger log = LoggerFactory.getLogger(ModelGroup.class);

  private final String operation;
  private final List<String> models;

  /** Models whose last call was unavailable; updated by every calling thread. */
  private final Set<String> unavailable = ConcurrentHashMap.newKeySet();

  /**
   * @param operation what the group is for, such as {@code chat}, used in log lines
   * @param models the models in the order they are tried, at least one
   */
  public ModelGroup(String operation, List<String> models) {
    if (models == null || models.isEmpty()) {
      throw new IllegalArgumentException("models: must name at least one model");
    }
    this.operation = operation;
    this.models = List.copyOf(models);
  }

  public List<String> models() {
    return models;
  }

  /** Calls {@code call} with each model in turn until one answers; returns that answer. */
  public <T> T call(Function<String, T> call) {
    ProviderUnavailableException last = null;
    for (int index = 0; index < models.size(); index++) {
      String model = models.get(index);
      try {
        T answer = call.apply(model);
        recordAnswer(model, index);
        return answer;
      } catch (ProviderUnavailableException e) {
        if (last != null) {
          e.addSuppressed(last);
        }
        last = e;
        if (Thread.currentThread().isInterrupted()) {
          break;
        }
        recordOutage(index, e);
      }
    }
    throw last;
  }

  private void recordAnswer(String model, int index) {
    if (unavailable.remove(model)) {
      log.info("{} model answers again model={}", operation, model);
    }
    if (index > 0) {
      log.debug("{} answered by fallback model={} position={}", operation, model, index);
    }
  }

  private void recordOutage(int index, ProviderUnavailableException failure) {
    String model = models.get(index);
    String next = index + 1 < models.size() ? models.get(index + 1) : "none";
    Object status = failure.status().isPresent() ? failure.status().getAsInt() : "none";
    if (unavailable.add(model)) {
      String plan = index + 1 < models.size() ? "trying the next" : "no fallback left";
      log.warn(
          "{} model unavailable, {} until it answers again model={} status={} next={}",
          operation,
          plan,
          model,
          status,
          next);
    } else {
      log.debug("{} model still unavailable model={} status={}", operation, model, status);
    }
  }
}
