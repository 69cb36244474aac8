package io.echojobs.jobs.broker.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.echojobs.jobs.JobsException;
import io.echojobs.jobs.message.Json;
import io.echojobs.jobs.results.ResultStore;
import io.echojobs.jobs.results.ResultTimeoutException;
import io.echojobs.jobs.results.StoredResult;
import io.lettuce.core.SetArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Results in Redis: one string per message id holding the result's JSON, expiring after its TTL
 * (SET PX), so whoever reaches the broker reads results. {@link #await} polls with a short backoff,
 * which is cheap next to the work it waits for. Thread-safe.
 */
public final class RedisResultStore implements ResultStore {

  /** First pause between polls of {@link #await}; doubles up to the maximum. */
  static final Duration POLL_MIN = Duration.ofMillis(10);

  static final Duration POLL_MAX = Duration.ofMillis(50);

  private final RedisClusterCommands<String, byte[]> commands;
  private final String prefix;

  public RedisResultStore(RedisConnections connections, RedisSettings settings) {
    this.commands = Objects.requireNonNull(connections, "connections").commands();
    this.prefix = settings.keyPrefix();
  }

  @Override
  public void store(String messageId, StoredResult result, Duration ttl) {
    Objects.requireNonNull(result, "result");
    byte[] json;
    try {
      json = Json.mapper().writeValueAsBytes(result);
    } catch (JsonProcessingException e) {
      throw new JobsException("result of message " + messageId + " does not encode", e);
    }
    commands.set(key(messageId), json, SetArgs.Builder.px(Math.max(1, ttl.toMillis())));
  }

  @Override
  public Optional<StoredResult> find(String messageId) {
    byte[] json = commands.get(key(messageId));
    if (json == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.mapper().readValue(json, StoredResult.class));
    } catch (IOException e) {
      throw new JobsException("stored result of message " + messageId + " does not decode", e);
    }
  }

  @Override
  public StoredResult await(String messageId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    long pauseMillis = POLL_MIN.toMillis();
    while (true) {
      Optional<StoredResult> found = find(messageId);
      if (found.isPresent()) {
        return found.get();
      }
      long remainingMillis = (deadline - System.nanoTime()) / 1_000_000;
      if (remainingMillis <= 0) {
        throw new ResultTimeoutException(messageId, timeout);
      }
      Thread.sleep(Math.min(pauseMillis, remainingMillis));
      pauseMillis = Math.min(pauseMillis * 2, POLL_MAX.toMillis());
    }
  }

  private String key(String messageId) {
    return prefix + ":result:" + Objects.requireNonNull(messageId, "messageId");
  }
}
