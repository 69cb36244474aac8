package io.echojobs.jobs.actor;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How one actor's messages are queued, limited and retried. Immutable; built with {@link
 * #builder(String)}, which validates every option and names the one that is wrong.
 *
 * <p>Defaults (the original system's, one table in the README):
 *
 * <table>
 *   <tr><th>option</th><th>default</th></tr>
 *   <tr><td>queue</td><td>{@value #DEFAULT_QUEUE}</td></tr>
 *   <tr><td>priority</td><td>{@value #DEFAULT_PRIORITY}</td></tr>
 *   <tr><td>maxRetries</td><td>{@value #DEFAULT_MAX_RETRIES}</td></tr>
 *   <tr><td>minBackoff</td><td>15 s</td></tr>
 *   <tr><td>maxBackoff</td><td>7 days</td></tr>
 *   <tr><td>timeLimit</td><td>10 min</td></tr>
 *   <tr><td>maxAge</td><td>none</td></tr>
 *   <tr><td>storeResults</td><td>false</td></tr>
 *   <tr><td>resultTtl</td><td>1 h</td></tr>
 * </table>
 *
 * @param name unique actor name, used in messages
 * @param queue the queue its messages go to
 * @param priority lower runs first within the queue
 * @param maxRetries retries after the first attempt before the message goes to dead letters
 * @param minBackoff the delay before the first retry
 * @param maxBackoff the cap on the delay between retries
 * @param timeLimit how long one attempt may run before its thread is interrupted
 * @param maxAge a message older than this (since first enqueue) is dead-lettered unrun; null
 *     means no limit
 * @param storeResults whether return values (and final failures) are stored
 * @param resultTtl how long stored results are kept
 * @param noRetryFor failure types that are never worth a retry (subclasses included)
 */
public record ActorOptions(
    String name,
    String queue,
    int priority,
    int maxRetries,
    Duration minBackoff,
    Duration maxBackoff,
    Duration timeLimit,
    Duration maxAge,
    boolean storeResults,
    Duration resultTtl,
    Set<Class<? extends Throwable>> noRetryFor) {

  public static final String DEFAULT_QUEUE = "network";
  public static final int DEFAULT_PRIORITY = 0;
  public static final int DEFAULT_MAX_RETRIES = 20;
  public static final Duration DEFAULT_MIN_BACKOFF = Duration.ofSeconds(15);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofDays(7);
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofMinutes(10);
  public static final Duration DEFAULT_RESULT_TTL = Duration.ofHours(1);

  public ActorOptions {
    noRetryFor = Set.copyOf(noRetryFor);
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** Whether a failure of this type skips retries and goes straight to dead letters. */
  public boolean isNeverRetried(Throwable failure) {
    for (Class<? extends Throwable> type : noRetryFor) {
      if (type.isInstance(failure)) {
        return true;
      }
    }
    return false;
  }

  /** Builds {@link ActorOptions}; {@link #build()} rejects an invalid option by name. */
  public static final class Builder {
    private final String name;
    private String queue = DEFAULT_QUEUE;
    private int priority = DEFAULT_PRIORITY;
    private int maxRetries = DEFAULT_MAX_RETRIES;
    private Duration minBackoff = DEFAULT_MIN_BACKOFF;
    private Duration maxBackoff = DEFAULT_MAX_BACKOFF;
    private Duration timeLimit = DEFAULT_TIME_LIMIT;
    private Duration maxAge;
    private boolean storeResults;
    private Duration resultTtl = DEFAULT_RESULT_TTL;
    private Set<Class<? extends Throwable>> noRetryFor = Set.of();

    private Builder(String name) {
      this.name = name;
    }

    public Builder queue(String queue) {
      this.queue = queue;
      return this;
    }

    public Builder priority(int priority) {
      this.priority = priority;
      return this;
    }

    public Builder maxRetries(int maxRetries) {
      this.maxRetries = maxRetries;
      return this;
    }

    public Builder backoff(Duration min, Duration max) {
      this.minBackoff = min;
      this.maxBackoff = max;
      return this;
    }

    public Builder timeLimit(Duration timeLimit) {
      this.timeLimit = timeLimit;
      return this;
    }

    public Builder maxAge(Duration maxAge) {
      this.maxAge = maxAge;
      return this;
    }

    public Builder storeResults(boolean storeResults) {
      this.storeResults = storeResults;
      return this;
    }

    public Builder resultTtl(Duration resultTtl) {
      this.resultTtl = resultTtl;
      return this;
    }

    @SafeVarargs
    public final Builder noRetryFor(Class<? extends Throwable>... types) {
      this.noRetryFor = Set.of(types);
      return this;
    }

    public ActorOptions build() {
      List<String> problems = new java.util.ArrayList<>();
      if (name == null || !name.matches("[A-Za-z][A-Za-z0-9_.:-]{0,127}")) {
        problems.add(
            "name: '" + name + "' must start with a letter and use letters, digits, _ . : -"
                + " (at most 128 characters)");
      }
      if (queue == null || !queue.matches("[A-Za-z0-9_.-]{1,64}")) {
        problems.add(
            "queue: '" + queue + "' must be 1 to 64 letters, digits, _ . - (no braces or colons)");
      }
      if (maxRetries < 0) {
        problems.add("maxRetries: " + maxRetries + " must be >= 0");
      }
      requirePositive(problems, "minBackoff", minBackoff);
      requirePositive(problems, "maxBackoff", maxBackoff);
      if (minBackoff != null && maxBackoff != null && minBackoff.compareTo(maxBackoff) > 0) {
        problems.add("minBackoff: " + minBackoff + " must not exceed maxBackoff " + maxBackoff);
      }
      requirePositive(problems, "timeLimit", timeLimit);
      if (maxAge != null) {
        requirePositive(problems, "maxAge", maxAge);
      }
      requirePositive(problems, "resultTtl", resultTtl);
      if (noRetryFor == null || noRetryFor.stream().anyMatch(Objects::isNull)) {
        problems.add("noRetryFor: must not contain null");
      }
      if (!problems.isEmpty()) {
        throw new InvalidActorException(name, problems);
      }
      return new ActorOptions(
          name,
          queue,
          priority,
          maxRetries,
          minBackoff,
          maxBackoff,
          timeLimit,
          maxAge,
          storeResults,
          resultTtl,
          noRetryFor);
    }

    private static void requirePositive(List<String> problems, String option, Duration value) {
      if (value == null || value.isNegative() || value.isZero()) {
        problems.add(option + ": " + value + " must be a positive duration");
      }
    }
  }
}
