package io.echojobs.jobs.schedule;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Schedule state and the leader lease in Redis, shared by every scheduler process. Each step is one
 * Lua script or one single-key command (the keyspace is documented in {@link
 * RedisScheduleScripts}). The lease's TTL runs on the Redis server's clock, not the scheduler's.
 *
 * <p>Thread-safe: Lettuce connections are. Closing the store closes the client only when the store
 * opened it itself ({@link #open}).
 */
public final class RedisScheduleStateStore implements ScheduleStateStore, AutoCloseable {

  /** Where the scheduler's keys live unless told otherwise. */
  public static final String DEFAULT_PREFIX = "ej:sched:";

  private static final String NONE = "";

  private final StatefulRedisConnection<String, String> connection;
  private final RedisCommands<String, String> redis;
  private final String prefix;
  private final RedisClient ownedClient;

  /** Uses a connection the caller owns and closes. */
  public RedisScheduleStateStore(
      StatefulRedisConnection<String, String> connection, String prefix) {
    this(connection, prefix, null);
  }

  private RedisScheduleStateStore(
      StatefulRedisConnection<String, String> connection, String prefix, RedisClient owned) {
    this.connection = Objects.requireNonNull(connection, "connection");
    this.prefix = Objects.requireNonNull(prefix, "prefix");
    this.redis = connection.sync();
    this.ownedClient = owned;
  }

  /** Connects to {@code redisUrl} (for example {@code redis://127.0.0.1:6379}); close it. */
  public static RedisScheduleStateStore open(String redisUrl, String prefix) {
    RedisClient client = RedisClient.create(Objects.requireNonNull(redisUrl, "redisUrl"));
    try {
      return new RedisScheduleStateStore(client.connect(), prefix, client);
    } catch (RuntimeException e) {
      client.shutdown();
      throw e;
    }
  }

  @Override
  public ScheduleState state(String scheduleId) {
    Map<String, String> hash = redis.hgetall(stateKey(scheduleId));
    if (hash.isEmpty()) {
      return ScheduleState.NEW;
    }
    return new ScheduleState(
        instant(hash.get("cursor")),
        instant(hash.get("last_fire")),
        instant(hash.get("pending")),
        instant(hash.get("pending_since")),
        "1".equals(hash.get("paused")),
        hash.containsKey("misfires") ? Long.parseLong(hash.get("misfires")) : 0);
  }

  @Override
  public boolean claim(String scheduleId, Claim claim) {
    return script(
        RedisScheduleScripts.CLAIM,
        stateKey(scheduleId),
        millis(claim.expectedCursor()),
        millis(claim.newCursor()),
        millis(claim.fire()),
        Long.toString(claim.skipped()),
        millis(claim.claimedAt()));
  }

  @Override
  public void confirm(String scheduleId, Instant tick) {
    script(RedisScheduleScripts.CONFIRM, stateKey(scheduleId), millis(tick));
  }

  @Override
  public void pause(String scheduleId) {
    redis.hset(stateKey(scheduleId), "paused", "1");
  }

  @Override
  public void resume(String scheduleId, Instant now) {
    script(RedisScheduleScripts.RESUME, stateKey(scheduleId), millis(now));
  }

  @Override
  public boolean acquireLease(String owner, Duration ttl) {
    return script(RedisScheduleScripts.ACQUIRE, leaseKey(), owner, ttlMillis(ttl));
  }

  @Override
  public boolean renewLease(String owner, Duration ttl) {
    return script(RedisScheduleScripts.RENEW, leaseKey(), owner, ttlMillis(ttl));
  }

  @Override
  public void releaseLease(String owner) {
    script(RedisScheduleScripts.RELEASE, leaseKey(), owner);
  }

  @Override
  public Optional<String> leaseHolder() {
    return Optional.ofNullable(redis.get(leaseKey()));
  }

  @Override
  public void close() {
    if (ownedClient != null) {
      connection.close();
      ownedClient.shutdown();
    }
  }

  private boolean script(String script, String key, String... args) {
    String[] keys = {key};
    Long applied;
    try {
      applied = redis.evalsha(redis.digest(script), ScriptOutputType.INTEGER, keys, args);
    } catch (RedisNoScriptException notCachedYet) {
      // First use on this server, or after a restart or SCRIPT FLUSH: EVAL caches it again.
      applied = redis.eval(script, ScriptOutputType.INTEGER, keys, args);
    }
    return applied != null && applied == 1L;
  }

  private String stateKey(String scheduleId) {
    return prefix + "state:" + scheduleId;
  }

  private String leaseKey() {
    return prefix + "leader";
  }

  private static String millis(Instant instant) {
    return instant == null ? NONE : Long.toString(instant.toEpochMilli());
  }

  private static String ttlMillis(Duration ttl) {
    return Long.toString(Math.max(1, ttl.toMillis()));
  }

  private static Instant instant(String millis) {
    return millis == null || millis.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(millis));
  }
}
